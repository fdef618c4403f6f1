using System.Buffers;
using System.Text;
using S3Spec.Core.Errors;
using S3Spec.Server.Requests;

namespace S3Spec.Server.Routing;

/// <summary>
/// Splits a raw request target ("/bucket/a%20b/c?x=1") into bucket and key, percent-decoding each exactly once as
/// UTF-8 ('+' stays '+' in a path). Dot segments and empty segments are kept as sent: the storage layer refuses them.
/// </summary>
internal static class S3TargetParser
{
    /// <summary>
    /// Virtual-hosted style: when <paramref name="baseDomain"/> is set and the Host is "VOLUME.&lt;baseDomain&gt;", the
    /// volume comes from the host and the whole path is the key; otherwise path style.
    /// </summary>
    public static S3Target Parse(string rawTarget, string? host, string? baseDomain)
    {
        var bucket = VirtualHostBucket(host, baseDomain);
        if (bucket is null)
        {
            return Parse(rawTarget);
        }

        var pathStyle = Parse(rawTarget);
        var path = pathStyle.RawPath;
        var key = path.Length > 1 ? Decode(path.AsSpan(1)) : null;
        return new S3Target(bucket, key, path, pathStyle.RawQuery);
    }

    private static string? VirtualHostBucket(string? host, string? baseDomain)
    {
        if (string.IsNullOrEmpty(baseDomain) || string.IsNullOrEmpty(host))
        {
            return null;
        }

        var name = host;
        var colon = name.LastIndexOf(':');
        if (colon > 0 && name.IndexOf(']', StringComparison.Ordinal) < colon)
        {
            name = name[..colon];
        }

        var suffix = "." + baseDomain.Trim('.');
        return name.Length > suffix.Length && name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
            ? name[..^suffix.Length].ToLowerInvariant()
            : null;
    }

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
            var queryStart = target.IndexOf('?', scheme + 3);
            target = pathStart >= 0 && (queryStart < 0 || pathStart < queryStart) ? target[pathStart..]
                : queryStart >= 0 ? "/" + target[queryStart..]
                : "/";
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
