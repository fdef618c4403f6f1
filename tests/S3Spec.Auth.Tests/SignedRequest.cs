using S3Spec.Auth.Signing;
using S3Spec.Testing;

namespace S3Spec.Auth.Tests;

/// <summary>
/// Test requests signed with the Authorization header by the independent <see cref="TestSigner"/> (not this
/// project's code; the published vectors anchor both).
/// </summary>
internal static class SignedRequest
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
        string secret = TestKeys.ExampleSecret,
        string? dateHeader = null)
    {
        var host = headers.TryGetValue("host", out var given) ? given : "localhost:9000";
        var signed = headers.Where(h => !string.Equals(h.Key, "host", StringComparison.OrdinalIgnoreCase)).ToList();
        var target = rawQuery.Length > 0 ? rawPath + "?" + rawQuery : rawPath;
        TestSigner.SignHeaders(method, target, signed, payloadHash, new SigningCredentials(accessKey, secret, region), time, host, dateHeader);
        headers.Clear();
        foreach (var (name, value) in signed)
        {
            headers[name] = value;
        }

        return new SigV4Request { Method = method, RawPath = rawPath, RawQuery = rawQuery, Headers = headers };
    }

    public static string SeedSignature(SigV4Request request) => TestSigner.SignatureOf(request.Headers["authorization"]);
}
