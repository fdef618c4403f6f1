using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;

namespace S3Spec.Features.Drivers;

/// <summary>
/// Sends SigV4-signed requests exactly as written: the path is not normalised (so `a/./b` reaches the server as
/// such), the signing time and region can be chosen, and every response header is visible.
/// </summary>
public sealed class RawHttpDriver(Uri endpoint, string accessKey, string secretKey, string region, TimeProvider time) : IDisposable
{
    private static readonly UriCreationOptions Verbatim = new() { DangerousDisablePathAndQueryCanonicalization = true };
    private readonly HttpClient http = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });

    /// <param name="encodedPath">The path after the authority, already URI-encoded, e.g. "/vol/a%20b".</param>
    /// <param name="query">The query string without '?', already encoded, or empty.</param>
    public async Task<RawResponse> SendAsync(HttpMethod method, string encodedPath, string query = "", byte[]? body = null,
        IReadOnlyDictionary<string, string>? headers = null, TimeSpan clockOffset = default, string? signingRegion = null)
    {
        body ??= [];
        var uri = new Uri($"{endpoint.GetLeftPart(UriPartial.Authority)}{encodedPath}{(query.Length > 0 ? "?" + query : "")}", Verbatim);
        using var request = new HttpRequestMessage(method, uri);
        var now = time.GetUtcNow() + clockOffset;
        var amzDate = now.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var payloadHash = Convert.ToHexStringLower(SHA256.HashData(body));
        var signed = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["host"] = uri.Authority,
            ["x-amz-content-sha256"] = payloadHash,
            ["x-amz-date"] = amzDate,
        };
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            signed[name.ToLowerInvariant()] = value.Trim();
        }

        var scope = $"{amzDate[..8]}/{signingRegion ?? region}/s3/aws4_request";
        var signedHeaders = string.Join(';', signed.Keys);
        var canonical = string.Join('\n', method.Method, encodedPath, CanonicalQuery(query),
            string.Concat(signed.Select(h => $"{h.Key}:{h.Value}\n")), signedHeaders, payloadHash);
        var toSign = $"AWS4-HMAC-SHA256\n{amzDate}\n{scope}\n{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))}";
        var key = Encoding.UTF8.GetBytes("AWS4" + secretKey);
        foreach (var part in scope.Split('/'))
        {
            key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(part));
        }

        var signature = Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(toSign)));
        request.Content = new ByteArrayContent(body);
        foreach (var (name, value) in signed)
        {
            if (name == "host")
            {
                continue;
            }

            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        request.Headers.TryAddWithoutValidation("Authorization",
            $"AWS4-HMAC-SHA256 Credential={accessKey}/{scope}, SignedHeaders={signedHeaders}, Signature={signature}");
        using var response = await http.SendAsync(request);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var all = response.Headers.Concat(response.Content.Headers)
            .ToDictionary(h => h.Key, h => string.Join(',', h.Value), StringComparer.OrdinalIgnoreCase);
        return new RawResponse(response.StatusCode, all, bytes, ErrorCodeOf(bytes));
    }

    private static string CanonicalQuery(string query) =>
        query.Length == 0
            ? ""
            : string.Join('&', query.Split('&').Select(p => p.Contains('=', StringComparison.Ordinal) ? p : p + "=").Order(StringComparer.Ordinal));

    private static string? ErrorCodeOf(byte[] body)
    {
        if (body.Length == 0 || body[0] != (byte)'<')
        {
            return null;
        }

        try
        {
            return XDocument.Parse(Encoding.UTF8.GetString(body)).Root?.Element("Code")?.Value;
        }
        catch (System.Xml.XmlException)
        {
            return null;
        }
    }

    public void Dispose() => http.Dispose();
}

public sealed record RawResponse(HttpStatusCode Status, IReadOnlyDictionary<string, string> Headers, byte[] Body, string? ErrorCode)
{
    public S3Outcome ToOutcome() => new(Status, (int)Status >= 300 ? ErrorCode ?? Status.ToString() : null, Encoding.UTF8.GetString(Body), this);
}
