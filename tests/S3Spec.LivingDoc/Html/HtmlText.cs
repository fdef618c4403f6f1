using System.Text;

namespace S3Spec.LivingDoc.Html;

/// <summary>HTML-encoding of every text that comes from features or results (element content and quoted attributes).</summary>
internal static class HtmlText
{
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        StringBuilder? builder = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var replacement = c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                '\t' or '\n' or '\r' => null,
                // Other control characters (e.g. ANSI colour codes in error messages) are not allowed in HTML.
                < ' ' or '\u007f' => "\uFFFD",
                _ => null,
            };
            if (replacement is null)
            {
                builder?.Append(c);
                continue;
            }

            builder ??= new StringBuilder(text.Length + 16).Append(text, 0, i);
            builder.Append(replacement);
        }

        return builder?.ToString() ?? text;
    }

    public static StringBuilder AppendText(this StringBuilder builder, string? text) => builder.Append(Escape(text));
}
