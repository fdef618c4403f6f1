using System.Buffers;
using System.Text;
using S3Spec.Core.Errors;

namespace S3Spec.Server.Handlers;

/// <summary>
/// Listing helpers: stateless continuation tokens (the last returned key, so any replica resumes any token and a
/// token never repeats), EncodingType=url encoding, and the XML 1.0 character check.
/// </summary>
internal static class ListingCodec
{
    private const string TokenPrefix = "1:";

    public static string EncodeToken(string lastReturned) =>
        Base64Url(Encoding.UTF8.GetBytes(TokenPrefix + lastReturned));

    public static string DecodeToken(string token)
    {
        try
        {
            var text = Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(token));
            if (text.StartsWith(TokenPrefix, StringComparison.Ordinal))
            {
                return text[TokenPrefix.Length..];
            }
        }
        catch (FormatException)
        {
        }

        throw new S3Exception(S3Errors.InvalidArgument, "The continuation token provided is incorrect.");
    }

    /// <summary>max-keys / max-uploads / max-parts: absent → default; not a non-negative integer → InvalidArgument; capped.</summary>
    public static int ParseMax(string? value, string name, int cap)
    {
        if (string.IsNullOrEmpty(value))
        {
            return cap;
        }

        if (!int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n))
        {
            throw new S3Exception(S3Errors.InvalidArgument, $"Provided {name} not an integer or within integer range.");
        }

        return Math.Min(n, cap);
    }

    /// <summary>EncodingType "url" or absent; anything else is InvalidArgument.</summary>
    public static bool ParseEncodingType(string? value) => value switch
    {
        null or "" => false,
        _ when value.Equals("url", StringComparison.OrdinalIgnoreCase) => true,
        _ => throw new S3Exception(S3Errors.InvalidArgument, "Invalid Encoding Method specified in Request"),
    };

    /// <summary>Percent-encodes UTF-8 bytes except unreserved characters and '/', as S3 does for EncodingType=url.</summary>
    public static string? UrlEncode(string? value, bool encode)
    {
        if (value is null || !encode)
        {
            return value;
        }

        var sb = new StringBuilder(value.Length + 8);
        var bytes = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(value.Length));
        try
        {
            var n = Encoding.UTF8.GetBytes(value, bytes);
            for (var i = 0; i < n; i++)
            {
                var b = bytes[i];
                if (char.IsAsciiLetterOrDigit((char)b) || b is (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~' or (byte)'/')
                {
                    sb.Append((char)b);
                }
                else
                {
                    sb.Append('%').Append(Hex[b >> 4]).Append(Hex[b & 0xF]);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }

        return sb.ToString();
    }

    /// <summary>
    /// Request values echoed in a listing (prefix, delimiter, markers) must be representable: without
    /// EncodingType=url a value XML 1.0 cannot carry is InvalidArgument (never a broken response).
    /// </summary>
    public static void RequireEchoable(string? value, string name, bool urlEncoded)
    {
        if (!urlEncoded && value is not null && !IsXmlSafe(value))
        {
            throw new S3Exception(S3Errors.InvalidArgument, $"The {name} contains characters XML 1.0 cannot carry; ask with encoding-type=url.");
        }
    }

    /// <summary>True when XML 1.0 can carry every character of <paramref name="value"/>.</summary>
    public static bool IsXmlSafe(string value) => Xml.XmlText.CanCarry(value);

    private const string Hex = "0123456789ABCDEF";

    private static string Base64Url(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);
}
