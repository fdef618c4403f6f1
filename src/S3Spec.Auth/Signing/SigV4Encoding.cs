using System.Text;

namespace S3Spec.Auth.Signing;

/// <summary>Percent-decoding and the S3 flavour of URI encoding used by canonical requests.</summary>
internal static class SigV4Encoding
{
    private const string HexUpper = "0123456789ABCDEF";

    /// <summary>Decodes %XX escapes to bytes (a '%' not followed by two hex digits stays literal).</summary>
    public static byte[] PercentDecode(ReadOnlySpan<char> s, bool plusIsSpace)
    {
        var utf8 = new byte[Encoding.UTF8.GetByteCount(s)];
        Encoding.UTF8.GetBytes(s, utf8);
        var n = 0;
        for (var i = 0; i < utf8.Length; i++)
        {
            var b = utf8[i];
            if (b == '%' && i + 2 < utf8.Length && IsHex(utf8[i + 1]) && IsHex(utf8[i + 2]))
            {
                utf8[n++] = (byte)((HexValue(utf8[i + 1]) << 4) | HexValue(utf8[i + 2]));
                i += 2;
            }
            else
            {
                utf8[n++] = plusIsSpace && b == '+' ? (byte)' ' : b;
            }
        }

        return utf8.AsSpan(0, n).ToArray();
    }

    /// <summary>Encodes bytes keeping A-Z a-z 0-9 - _ . ~ (and '/' when <paramref name="keepSlash"/>); all else is %XX upper-case.</summary>
    public static void Encode(StringBuilder sb, ReadOnlySpan<byte> bytes, bool keepSlash)
    {
        foreach (var b in bytes)
        {
            if (IsUnreserved(b) || (keepSlash && b == '/'))
            {
                sb.Append((char)b);
            }
            else
            {
                sb.Append('%').Append(HexUpper[b >> 4]).Append(HexUpper[b & 0xF]);
            }
        }
    }

    public static string Encode(ReadOnlySpan<byte> bytes)
    {
        var sb = new StringBuilder(bytes.Length + 8);
        Encode(sb, bytes, keepSlash: false);
        return sb.ToString();
    }

    private static bool IsUnreserved(byte b)
        => b is (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'a' and <= (byte)'z') or (>= (byte)'0' and <= (byte)'9')
            or (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~';

    private static bool IsHex(byte b) => char.IsAsciiHexDigit((char)b);

    private static int HexValue(byte b) => b <= '9' ? b - '0' : (b | 0x20) - 'a' + 10;
}
