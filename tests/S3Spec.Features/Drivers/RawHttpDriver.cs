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
        IReadOnlyDictionary<string, string>? headers = null, TimeSpan clockOffset = default, string? signingRegion = null,
        string? contentSha256 = null)
    {
        body ??= [];
        var uri = new Uri($"{endpoint.GetLeftPart(UriPartial.Authority)}{encodedPath}{(query.Length > 0 ? "?" + query : "")}", Verbatim);
        using var request = new HttpRequestMessage(method, uri);
        var now = time.GetUtcNow() + clockOffset;
        var amzDate = now.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var payloadHash = contentSha256 ?? Convert.ToHexStringLower(SHA256.HashData(body));
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
        var signature = Sign(scope, toSign);
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
        return await ReadAsync(request);
    }

    /// <summary>
    /// A presigned URL for path-style <paramref name="encodedPath"/>, dated now + <paramref name="clockOffset"/>,
    /// valid for <paramref name="expiresSeconds"/> (UNSIGNED-PAYLOAD, only the host header signed).
    /// </summary>
    public string Presign(HttpMethod method, string encodedPath, long expiresSeconds, TimeSpan clockOffset = default, string? signingRegion = null)
    {
        var authority = endpoint.GetLeftPart(UriPartial.Authority);
        var now = time.GetUtcNow() + clockOffset;
        var amzDate = now.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var scope = $"{amzDate[..8]}/{signingRegion ?? region}/s3/aws4_request";
        var query = string.Join('&', new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["X-Amz-Algorithm"] = "AWS4-HMAC-SHA256",
            ["X-Amz-Credential"] = Uri.EscapeDataString($"{accessKey}/{scope}"),
            ["X-Amz-Date"] = amzDate,
            ["X-Amz-Expires"] = expiresSeconds.ToString(CultureInfo.InvariantCulture),
            ["X-Amz-SignedHeaders"] = "host",
        }.Select(p => $"{p.Key}={p.Value}"));
        var canonical = string.Join('\n', method.Method, encodedPath, query, $"host:{new Uri(authority).Authority}\n", "host", "UNSIGNED-PAYLOAD");
        var toSign = $"AWS4-HMAC-SHA256\n{amzDate}\n{scope}\n{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))}";
        return $"{authority}{encodedPath}?{query}&X-Amz-Signature={Sign(scope, toSign)}";
    }

    /// <summary>Sends a request to a complete URL (presigned, or with an Authorization header given in <paramref name="headers"/>), adding no signature.</summary>
    public async Task<RawResponse> SendToUrlAsync(HttpMethod method, string url, byte[]? body = null, IReadOnlyDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(url, Verbatim));
        request.Content = new ByteArrayContent(body ?? []);
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return await ReadAsync(request);
    }

    private string Sign(string scope, string toSign)
    {
        var key = Encoding.UTF8.GetBytes("AWS4" + secretKey);
        foreach (var part in scope.Split('/'))
        {
            key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(part));
        }

        return Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(toSign)));
    }

    private async Task<RawResponse> ReadAsync(HttpRequestMessage request)
    {
        using var response = await http.SendAsync(request);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var all = response.Headers.Concat(response.Content.Headers)
            .ToDictionary(h => h.Key, h => string.Join(',', h.Value), StringComparer.OrdinalIgnoreCase);
        return new RawResponse(response.StatusCode, all, bytes, ErrorCodeOf(bytes));
    }

    private static string CanonicalQuery(string query) =>
        query.Length == 0
            ? ""
            : string.Join('&', query.Split('&')
                .Select(p => p.Contains('=', StringComparison.Ordinal) ? p : p + "=")
                .OrderBy(p => p[..p.IndexOf('=', StringComparison.Ordinal)], StringComparer.Ordinal)
                .ThenBy(p => p, StringComparer.Ordinal));

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
    public string BodyText => Encoding.UTF8.GetString(Body);

    /// <summary>The text of a top-level element of an XML body (e.g. an error's Region or Message), or null.</summary>
    public string? XmlElement(string name)
    {
        try
        {
            return Body.Length > 0 && Body[0] == (byte)'<' ? XDocument.Parse(BodyText).Root?.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value : null;
        }
        catch (System.Xml.XmlException)
        {
            return null;
        }
    }

    public S3Outcome ToOutcome() => new(Status, (int)Status >= 300 ? ErrorCode ?? Status.ToString() : null, Encoding.UTF8.GetString(Body), this);
}
