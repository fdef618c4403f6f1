using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace S3Spec.Reliability.Harness;

/// <summary>
/// An independent SigV4 signer (not the server's code): signs the raw path exactly as it will be sent, with the
/// S3 rule (each segment decoded once and re-encoded, no dot-segment normalisation).
/// </summary>
internal static class SigV4
{
    public const string EmptySha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    public const string Unsigned = "UNSIGNED-PAYLOAD";
    public const string Streaming = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD";

    public static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    public static string Hex(byte[] b) => Convert.ToHexStringLower(b);

    public static string Sha256Hex(ReadOnlySpan<byte> data) => Hex(SHA256.HashData(data));

    /// <summary>Adds host, x-amz-date, x-amz-content-sha256 and Authorization to <paramref name="headers"/>; returns the seed signature.</summary>
    public static string SignHeaders(string method, string rawTarget, List<KeyValuePair<string, string>> headers, string payloadHash, Creds creds, DateTimeOffset time, string host)
    {
        var iso = Iso(time);
        Set(headers, "host", host);
        Set(headers, "x-amz-date", iso);
        Set(headers, "x-amz-content-sha256", payloadHash);
        var (path, query) = Split(rawTarget);
        var signed = headers.Select(h => h.Key.ToLowerInvariant()).Distinct().Order(StringComparer.Ordinal).ToArray();
        var canonicalHeaders = new StringBuilder();
        foreach (var name in signed)
        {
            var value = string.Join(',', headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Select(h => Collapse(h.Value)));
            canonicalHeaders.Append(name).Append(':').Append(value).Append('\n');
        }

        var signedHeaders = string.Join(';', signed);
        var canonical = $"{method}\n{CanonicalUri(path)}\n{CanonicalQuery(query)}\n{canonicalHeaders}\n{signedHeaders}\n{payloadHash}";
        var scope = $"{iso[..8]}/{creds.Region}/s3/aws4_request";
        var signature = Sign(creds, iso, scope, canonical);
        headers.Add(new("Authorization", $"AWS4-HMAC-SHA256 Credential={creds.AccessKey}/{scope}, SignedHeaders={signedHeaders}, Signature={signature}"));
        return signature;
    }

    /// <summary>A presigned target (path + query with X-Amz-* parameters), signing only host.</summary>
    public static string Presign(string method, string rawPath, string extraQuery, Creds creds, DateTimeOffset time, int expiresSeconds, string host)
    {
        var iso = Iso(time);
        var scope = $"{iso[..8]}/{creds.Region}/s3/aws4_request";
        var query = (extraQuery.Length > 0 ? extraQuery + "&" : "")
            + "X-Amz-Algorithm=AWS4-HMAC-SHA256"
            + "&X-Amz-Credential=" + Encode(creds.AccessKey + "/" + scope)
            + "&X-Amz-Date=" + iso
            + "&X-Amz-Expires=" + expiresSeconds.ToString(CultureInfo.InvariantCulture)
            + "&X-Amz-SignedHeaders=host";
        var canonical = $"{method}\n{CanonicalUri(rawPath)}\n{CanonicalQuery(query)}\nhost:{host}\n\nhost\n{Unsigned}";
        return rawPath + "?" + query + "&X-Amz-Signature=" + Sign(creds, iso, scope, canonical);
    }

    public static byte[] SigningKey(Creds creds, string date) =>
        Hmac(Hmac(Hmac(Hmac(Encoding.UTF8.GetBytes("AWS4" + creds.Secret), date), creds.Region), "s3"), "aws4_request");

    public static string Sign(Creds creds, string iso, string scope, string canonical)
    {
        var sts = $"AWS4-HMAC-SHA256\n{iso}\n{scope}\n{Sha256Hex(Encoding.UTF8.GetBytes(canonical))}";
        return Hex(Hmac(SigningKey(creds, iso[..8]), sts));
    }

    public static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    /// <summary>S3 encoding of one value: unreserved kept, every other UTF-8 byte %XX.</summary>
    public static string Encode(string value, bool keepSlash = false)
    {
        var sb = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~' || (keepSlash && c == '/'))
            {
                sb.Append(c);
            }
            else
            {
                sb.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return sb.ToString();
    }

    public static string CanonicalUri(string rawPath)
    {
        if (rawPath.Length == 0)
        {
            return "/";
        }

        return string.Join('/', rawPath.Split('/').Select(s => EncodeBytes(Decode(s, plusIsSpace: false))));
    }

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
            if (name == "X-Amz-Signature")
            {
                continue;
            }

            pairs.Add((name, value));
        }

        return string.Join('&', pairs.OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal).Select(p => p.Name + "=" + p.Value));
    }

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
            if (raw[i] == '%' && i + 2 < raw.Length && IsHex(raw[i + 1]) && IsHex(raw[i + 2]))
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

    private static bool IsHex(byte b) => char.IsAsciiHexDigit((char)b);

    private static string EncodeBytes(byte[] bytes)
    {
        var sb = new StringBuilder();
        foreach (var b in bytes)
        {
            var c = (char)b;
            if (b < 0x80 && (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~'))
            {
                sb.Append(c);
            }
            else
            {
                sb.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return sb.ToString();
    }

    private static string Collapse(string v) => string.Join(' ', v.Trim().Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries));

    private static void Set(List<KeyValuePair<string, string>> headers, string name, string value)
    {
        headers.RemoveAll(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase));
        headers.Add(new(name, value));
    }
}
