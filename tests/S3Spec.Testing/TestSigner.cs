using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace S3Spec.Testing;

/// <summary>
/// An independent SigV4 signer for tests (never the server's code, so it checks the server's verifier): the
/// Authorization header over the raw target exactly as it will be sent (<see cref="S3Uri"/> rules), presigned URLs,
/// and the signing key and signatures that <see cref="ChunkedBodyBuilder"/> chains chunk signatures from.
/// </summary>
public static class TestSigner
{
    public const string EmptySha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    public const string UnsignedPayload = "UNSIGNED-PAYLOAD";
    public const string StreamingPayload = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD";
    public const string StreamingUnsignedTrailer = "STREAMING-UNSIGNED-PAYLOAD-TRAILER";

    /// <summary>The x-amz-date form: yyyyMMdd'T'HHmmss'Z' in UTC.</summary>
    public static string AmzDate(DateTimeOffset time) => time.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    public static string Scope(string amzDate, string region) => $"{amzDate[..8]}/{region}/s3/aws4_request";

    public static string Sha256Hex(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(SHA256.HashData(data));

    /// <summary>
    /// Sets host, x-amz-date and x-amz-content-sha256 in <paramref name="headers"/>, signs every header in it and adds
    /// Authorization. Returns the signature (the seed of an aws-chunked body).
    /// </summary>
    /// <param name="rawTarget">Path and query as sent, already encoded, e.g. "/vol/a%20b?uploads".</param>
    /// <param name="dateHeader">
    /// Null: the time travels in x-amz-date. Otherwise it travels in this Date header (any form; it must denote
    /// <paramref name="time"/>), which is signed, and no x-amz-date is sent, as botocore does for a request that has a Date
    /// header. The string to sign carries <paramref name="time"/> in ISO form either way.
    /// </param>
    /// <param name="signBytes">
    /// Header values are bytes, one char each (as sent Latin-1 on the wire): true signs those bytes (as curl does),
    /// false signs the UTF-8 of the chars (as SDKs that sign text do).
    /// </param>
    public static string SignHeaders(string method, string rawTarget, List<KeyValuePair<string, string>> headers, string payloadHash,
        SigningCredentials credentials, DateTimeOffset time, string host, string? dateHeader = null, bool signBytes = false)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(credentials);
        var amzDate = AmzDate(time);
        Set(headers, "host", host);
        if (dateHeader is null)
        {
            Set(headers, "x-amz-date", amzDate);
        }
        else
        {
            headers.RemoveAll(h => string.Equals(h.Key, "x-amz-date", StringComparison.OrdinalIgnoreCase));
            Set(headers, "date", dateHeader);
        }

        Set(headers, "x-amz-content-sha256", payloadHash);
        var (path, query) = S3Uri.Split(rawTarget);
        var names = headers.Select(h => h.Key.ToLowerInvariant()).Distinct().Order(StringComparer.Ordinal).ToArray();
        var canonicalHeaders = new StringBuilder();
        foreach (var name in names)
        {
            var value = string.Join(',', headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Select(h => Collapse(h.Value)));
            canonicalHeaders.Append(name).Append(':').Append(value).Append('\n');
        }

        var signedHeaders = string.Join(';', names);
        var canonical = $"{method}\n{S3Uri.CanonicalPath(path)}\n{S3Uri.CanonicalQuery(query)}\n{canonicalHeaders}\n{signedHeaders}\n{payloadHash}";
        var scope = Scope(amzDate, credentials.Region);
        var signature = Sign(credentials, amzDate, scope, canonical, signBytes ? Encoding.Latin1 : Encoding.UTF8);
        headers.Add(new("Authorization", $"AWS4-HMAC-SHA256 Credential={credentials.AccessKey}/{scope}, SignedHeaders={signedHeaders}, Signature={signature}"));
        return signature;
    }

    /// <summary>
    /// A presigned target: <paramref name="rawPath"/>?<paramref name="extraQuery"/>&amp;X-Amz-... with only host signed
    /// and UNSIGNED-PAYLOAD.
    /// </summary>
    public static string Presign(string method, string rawPath, string extraQuery, SigningCredentials credentials, DateTimeOffset time,
        long expiresSeconds, string host)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        var amzDate = AmzDate(time);
        var scope = Scope(amzDate, credentials.Region);
        var query = (extraQuery.Length > 0 ? extraQuery + "&" : "")
            + "X-Amz-Algorithm=AWS4-HMAC-SHA256"
            + "&X-Amz-Credential=" + S3Uri.Encode(credentials.AccessKey + "/" + scope)
            + "&X-Amz-Date=" + amzDate
            + "&X-Amz-Expires=" + expiresSeconds.ToString(CultureInfo.InvariantCulture)
            + "&X-Amz-SignedHeaders=host";
        var canonical = $"{method}\n{S3Uri.CanonicalPath(rawPath)}\n{S3Uri.CanonicalQuery(query)}\nhost:{host}\n\nhost\n{UnsignedPayload}";
        return rawPath + "?" + query + "&X-Amz-Signature=" + Sign(credentials, amzDate, scope, canonical);
    }

    /// <summary>The signature of an Authorization header value (what follows "Signature=").</summary>
    public static string SignatureOf(string authorization)
    {
        ArgumentNullException.ThrowIfNull(authorization);
        return authorization[(authorization.IndexOf("Signature=", StringComparison.Ordinal) + 10)..];
    }

    public static byte[] SigningKey(SigningCredentials credentials, string date)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        return Hmac(Hmac(Hmac(Hmac(Encoding.UTF8.GetBytes("AWS4" + credentials.SecretKey), date), credentials.Region), "s3"), "aws4_request");
    }

    /// <summary>The signature of a canonical request: HMAC of the AWS4-HMAC-SHA256 string to sign.</summary>
    public static string Sign(SigningCredentials credentials, string amzDate, string scope, string canonicalRequest, Encoding? canonicalEncoding = null)
    {
        var stringToSign = $"AWS4-HMAC-SHA256\n{amzDate}\n{scope}\n{Sha256Hex((canonicalEncoding ?? Encoding.UTF8).GetBytes(canonicalRequest))}";
        return Convert.ToHexStringLower(Hmac(SigningKey(credentials, amzDate[..8]), stringToSign));
    }

    public static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private static string Collapse(string value) => string.Join(' ', value.Trim().Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries));

    private static void Set(List<KeyValuePair<string, string>> headers, string name, string value)
    {
        headers.RemoveAll(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase));
        headers.Add(new(name, value));
    }
}
