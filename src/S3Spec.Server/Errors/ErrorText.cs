using System.Globalization;
using System.Text;

namespace S3Spec.Server.Errors;

/// <summary>
/// Text of an error body that XML 1.0 can carry: an error often names the client's own value (a key, a header, a
/// query parameter), which may hold characters XML cannot (control characters, lone surrogates). Those are written
/// as \uXXXX, so the error is always sent and never becomes an aborted connection.
/// </summary>
internal static class ErrorText
{
    public static string? Printable(string? text)
    {
        if (text is null || IsPrintable(text))
        {
            return text;
        }

        var sb = new StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                sb.Append(c).Append(text[++i]);
            }
            else if (Allowed(c))
            {
                sb.Append(c);
            }
            else
            {
                sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
        }

        return sb.ToString();
    }

    private static bool IsPrintable(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (!Allowed(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>XML 1.0 Char, less the surrogate halves (a pair is handled by the caller) and CR (normalised by parsers).</summary>
    private static bool Allowed(char c) =>
        c is '\t' or '\n' || (c >= 0x20 && c < 0xD800) || (c > 0xDFFF && c < 0xFFFE);
}
