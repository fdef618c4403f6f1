namespace S3Spec.Server.Xml;

/// <summary>
/// What XML 1.0 text can carry, and which whitespace is written as character references: CR, LF and tab always
/// (a parser turns a raw CR into LF; some clients normalise the others), and any whitespace at the start or end of a
/// value (clients that trim text would lose it).
/// </summary>
internal static class XmlText
{
    /// <summary>True when XML 1.0 can carry every character of <paramref name="value"/>.</summary>
    public static bool CanCarry(string value)
    {
        if (!value.AsSpan().ContainsAnyExceptInRange(' ', '\uD7FF'))
        {
            return true; // the common case, checked vectorised: no control character, no surrogate, nothing above U+D7FF
        }

        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c < 0x20 ? c is not '\t' and not '\n' and not '\r' : c is '\uFFFE' or '\uFFFF')
            {
                return false;
            }

            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The value with each character XML 1.0 cannot carry percent-encoded (its UTF-8 bytes; a lone surrogate as U+FFFD).</summary>
    public static string PercentEncodeUncarried(string value)
    {
        var sb = new System.Text.StringBuilder(value.Length + 8);
        Span<byte> bytes = stackalloc byte[4];
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                sb.Append(c).Append(value[++i]);
                continue;
            }

            if (CanCarry(c.ToString()))
            {
                sb.Append(c);
                continue;
            }

            var n = System.Text.Encoding.UTF8.GetBytes([c], bytes);
            foreach (var b in bytes[..n])
            {
                sb.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return sb.ToString();
    }

    /// <summary>True when <paramref name="c"/> at <paramref name="index"/> is written as a character reference.</summary>
    public static bool NeedsReference(string value, int index)
    {
        var c = value[index];
        if (c is '\t' or '\n' or '\r')
        {
            return true;
        }

        if (c != ' ')
        {
            return false;
        }

        return value.AsSpan(0, index).TrimStart(Whitespace).IsEmpty || value.AsSpan(index).TrimEnd(Whitespace).IsEmpty;
    }

    /// <summary>True when any character of <paramref name="value"/> is written as a character reference.</summary>
    public static bool NeedsReferences(string value) =>
        value.Length > 0 && (IsWhitespace(value[0]) || IsWhitespace(value[^1]) || value.AsSpan().IndexOfAny("\t\n\r") >= 0);

    private static bool IsWhitespace(char c) => c is ' ' or '\t' or '\n' or '\r';

    private const string Whitespace = " \t\n\r";
}
