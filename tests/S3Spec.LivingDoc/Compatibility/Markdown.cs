using System.Text;

namespace S3Spec.LivingDoc.Compatibility;

/// <summary>Text from features and results made safe inside a Markdown table cell: no markup, no line breaks, no '|'.</summary>
internal static class Markdown
{
    public static string Text(string? value)
    {
        var text = new StringBuilder((value ?? "").Length);
        foreach (var c in value ?? "")
        {
            switch (c)
            {
                case '\r' or '\n' or '\t':
                    text.Append(' ');
                    break;
                case '<':
                    text.Append("&lt;");
                    break;
                case '>':
                    text.Append("&gt;");
                    break;
                case '&':
                    text.Append("&amp;");
                    break;
                case '|' or '\\' or '`' or '*' or '_' or '[' or ']' or '#':
                    text.Append('\\').Append(c);
                    break;
                default:
                    text.Append(char.IsControl(c) ? '\uFFFD' : c);
                    break;
            }
        }

        return text.ToString();
    }

    /// <summary>The first line of a message, at most <paramref name="max"/> characters.</summary>
    public static string FirstLine(string? message, int max = 240)
    {
        var line = (message ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "";
        return line.Length <= max ? line : line[..(max - 1)] + "…";
    }
}
