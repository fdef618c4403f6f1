using System.Buffers;
using System.Text;
using S3Spec.Core.Errors;

namespace S3Spec.Server.Routing;

/// <summary>
/// Splits a raw request target ("/bucket/a%20b/c?x=1") into bucket and key, percent-decoding each exactly once as
/// UTF-8 ('+' stays '+' in a path). Dot segments and empty segments are kept as sent: the storage layer refuses them.
/// </summary>
internal static class S3TargetParser
{
    public static S3Target Parse(string rawTarget)
    {
        ArgumentNullException.ThrowIfNull(rawTarget);
        var target = rawTarget;

        // Absolute form ("http://host/path") is legal HTTP/1.1; keep only the path.
        if (!target.StartsWith('/'))
        {
            var scheme = target.IndexOf("://", StringComparison.Ordinal);
            if (scheme < 0)
            {
                throw new S3Exception(S3Errors.InvalidURI);
            }

            var pathStart = target.IndexOf('/', scheme + 3);
            target = pathStart < 0 ? "/" : target[pathStart..];
        }

        var q = target.IndexOf('?');
        var rawPath = q < 0 ? target : target[..q];
        var rawQuery = q < 0 ? string.Empty : target[(q + 1)..];

        if (rawPath.Length <= 1)
        {
            return new S3Target(null, null, rawPath, rawQuery);
        }

        var slash = rawPath.IndexOf('/', 1);
        var bucket = Decode(slash < 0 ? rawPath.AsSpan(1) : rawPath.AsSpan(1, slash - 1));
        if (bucket.Length == 0)
        {
            throw new S3Exception(S3Errors.InvalidURI, "The request target has an empty bucket name.");
        }

        string? key = null;
        if (slash >= 0 && slash + 1 < rawPath.Length)
        {
            key = Decode(rawPath.AsSpan(slash + 1));
        }

        return new S3Target(bucket, key, rawPath, rawQuery);
    }

    /// <summary>Percent-decodes <paramref name="encoded"/> as UTF-8; malformed escapes or invalid UTF-8 are InvalidURI.</summary>
    public static string Decode(ReadOnlySpan<char> encoded)
    {
        if (encoded.IndexOf('%') < 0)
        {
            return encoded.ToString();
        }

        var rented = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(encoded.Length));
        try
        {
            var n = 0;
            for (var i = 0; i < encoded.Length; i++)
            {
                var c = encoded[i];
                if (c == '%')
                {
                    if (i + 2 >= encoded.Length || !IsHex(encoded[i + 1]) || !IsHex(encoded[i + 2]))
                    {
                        throw new S3Exception(S3Errors.InvalidURI, "The request target has a malformed percent-encoding.");
                    }

                    rented[n++] = (byte)((HexValue(encoded[i + 1]) << 4) | HexValue(encoded[i + 2]));
                    i += 2;
                }
                else if (c < 0x80)
                {
                    rented[n++] = (byte)c;
                }
                else
                {
                    n += Encoding.UTF8.GetBytes(encoded.Slice(i, char.IsHighSurrogate(c) && i + 1 < encoded.Length ? 2 : 1), rented.AsSpan(n));
                    if (char.IsHighSurrogate(c))
                    {
                        i++;
                    }
                }
            }

            try
            {
                return StrictUtf8.GetString(rented, 0, n);
            }
            catch (DecoderFallbackException e)
            {
                throw new S3Exception(S3Errors.InvalidURI, "The request target is not valid UTF-8.", e);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static bool IsHex(char c) => char.IsAsciiHexDigit(c);

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
