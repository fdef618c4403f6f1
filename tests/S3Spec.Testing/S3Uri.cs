using System.Globalization;
using System.Text;

namespace S3Spec.Testing;

/// <summary>
/// The S3 rules for the canonical request's path and query, written independently of the server: each path segment
/// decoded once and re-encoded (no dot-segment normalisation), query names and values decoded ('+' is a space),
/// re-encoded and sorted.
/// </summary>
public static class S3Uri
{
    /// <summary>S3 encoding of one value: unreserved kept, every other UTF-8 byte %XX (and '/' kept when asked).</summary>
    public static string Encode(string value, bool keepSlash = false)
    {
        var sb = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            if (IsUnreserved(b) || (keepSlash && b == '/'))
            {
                sb.Append((char)b);
            }
            else
            {
                sb.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return sb.ToString();
    }

    public static string CanonicalPath(string rawPath) =>
        rawPath.Length == 0 ? "/" : string.Join('/', rawPath.Split('/').Select(s => EncodeBytes(Decode(s, plusIsSpace: false))));

    /// <summary>The canonical query string; X-Amz-Signature is left out (presigned requests).</summary>
    public static string CanonicalQuery(string rawQuery)
    {
        if (rawQuery.Length == 0)
        {
            return "";
        }

        var pairs = new List<(string Name, string Value)>();
        foreach (var part in rawQuery.Split('&'))
        {
            if (part.Length == 0)
            {
                continue;
            }

            var eq = part.IndexOf('=', StringComparison.Ordinal);
            var name = EncodeBytes(Decode(eq < 0 ? part : part[..eq], plusIsSpace: true));
            var value = eq < 0 ? "" : EncodeBytes(Decode(part[(eq + 1)..], plusIsSpace: true));
            if (name != "X-Amz-Signature")
            {
                pairs.Add((name, value));
            }
        }

        return string.Join('&', pairs.OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal).Select(p => p.Name + "=" + p.Value));
    }

    /// <summary>Splits a request target at the first '?'.</summary>
    public static (string Path, string Query) Split(string rawTarget)
    {
        var q = rawTarget.IndexOf('?', StringComparison.Ordinal);
        return q < 0 ? (rawTarget, "") : (rawTarget[..q], rawTarget[(q + 1)..]);
    }

    private static byte[] Decode(string s, bool plusIsSpace)
    {
        var bytes = new List<byte>();
        var raw = Encoding.UTF8.GetBytes(s);
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] == '%' && i + 2 < raw.Length && char.IsAsciiHexDigit((char)raw[i + 1]) && char.IsAsciiHexDigit((char)raw[i + 2]))
            {
                bytes.Add(Convert.ToByte(Encoding.ASCII.GetString(raw, i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.Add(plusIsSpace && raw[i] == '+' ? (byte)' ' : raw[i]);
            }
        }

        return [.. bytes];
    }

    private static string EncodeBytes(byte[] bytes)
    {
        var sb = new StringBuilder();
        foreach (var b in bytes)
        {
            if (IsUnreserved(b))
            {
                sb.Append((char)b);
            }
            else
            {
                sb.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return sb.ToString();
    }

    private static bool IsUnreserved(byte b) => b < 0x80 && (char.IsAsciiLetterOrDigit((char)b) || b is (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~');
}
