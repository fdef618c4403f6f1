using System.Globalization;
using System.Text;
using S3Spec.Auth.Signing;

namespace S3Spec.Auth.Tests;

/// <summary>Signs test requests with the Authorization header (the published vectors anchor its correctness).</summary>
internal static class TestSigner
{
    public static SigV4Request Sign(
        string method,
        string rawPath,
        string rawQuery,
        Dictionary<string, string> headers,
        string payloadHash,
        DateTimeOffset time,
        string region = "us-east-1",
        string accessKey = TestKeys.ExampleAccessKey,
        string secret = TestKeys.ExampleSecret)
    {
        var iso = time.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var date = iso[..8];
        headers.TryAdd("host", "localhost:9000");
        headers["x-amz-date"] = iso;
        headers["x-amz-content-sha256"] = payloadHash;
        var names = headers.Keys.Select(k => k.ToLowerInvariant()).Order(StringComparer.Ordinal).ToArray();
        var signedHeaders = string.Join(';', names);
        var request = new SigV4Request { Method = method, RawPath = rawPath, RawQuery = rawQuery, Headers = headers };
        var canonical = CanonicalRequest.Build(request, QueryParameter.Parse(rawQuery), names, signedHeaders, payloadHash, presigned: false);
        var scope = $"{date}/{region}/s3/aws4_request";
        var signature = Encoding.ASCII.GetString(
            SigV4Crypto.SignHexAscii(SigV4Crypto.DeriveSigningKey(secret, date, region), SigV4Crypto.StringToSign(iso, scope, canonical)));
        headers["authorization"] = $"AWS4-HMAC-SHA256 Credential={accessKey}/{scope}, SignedHeaders={signedHeaders}, Signature={signature}";
        return request;
    }

    public static string SeedSignature(SigV4Request request)
    {
        var auth = request.Headers["authorization"];
        return auth[(auth.IndexOf("Signature=", StringComparison.Ordinal) + 10)..];
    }
}
