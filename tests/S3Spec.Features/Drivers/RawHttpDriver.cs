using System.Net;
using System.Text;
using System.Xml.Linq;
using S3Spec.Testing;

namespace S3Spec.Features.Drivers;

/// <summary>
/// Sends requests signed by <see cref="TestSigner"/> exactly as written: the path is not normalised (so `a/./b` reaches the server as
/// such), the signing time and region can be chosen, and every response header is visible.
/// </summary>
public sealed class RawHttpDriver(Uri endpoint, string accessKey, string secretKey, string region, TimeProvider time) : IDisposable
{
    private static readonly UriCreationOptions Verbatim = new() { DangerousDisablePathAndQueryCanonicalization = true };
    private readonly HttpClient http = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });

    /// <param name="encodedPath">The path after the authority, already URI-encoded, e.g. "/vol/a%20b".</param>
    /// <param name="query">The query string without '?', already encoded, or empty.</param>
    /// <param name="dateHeader">When given, the time travels in the Date header it writes for the signing time, instead of x-amz-date (TestSigner).</param>
    public async Task<RawResponse> SendAsync(HttpMethod method, string encodedPath, string query = "", byte[]? body = null,
        IReadOnlyDictionary<string, string>? headers = null, TimeSpan clockOffset = default, string? signingRegion = null,
        string? contentSha256 = null, Func<DateTimeOffset, string>? dateHeader = null)
    {
        body ??= [];
        var target = $"{encodedPath}{(query.Length > 0 ? "?" + query : "")}";
        var uri = new Uri($"{endpoint.GetLeftPart(UriPartial.Authority)}{target}", Verbatim);
        using var request = new HttpRequestMessage(method, uri);
        var signed = new List<KeyValuePair<string, string>>();
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            signed.Add(new(name.ToLowerInvariant(), value.Trim()));
        }

        var signedAt = time.GetUtcNow() + clockOffset;
        TestSigner.SignHeaders(method.Method, target, signed, contentSha256 ?? TestSigner.Sha256Hex(body), Credentials(signingRegion),
            signedAt, uri.Authority, dateHeader?.Invoke(signedAt));
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

        return await ReadAsync(request);
    }

    /// <summary>
    /// A presigned URL for path-style <paramref name="encodedPath"/>, dated now + <paramref name="clockOffset"/>,
    /// valid for <paramref name="expiresSeconds"/> (UNSIGNED-PAYLOAD, only the host header signed).
    /// </summary>
    public string Presign(HttpMethod method, string encodedPath, long expiresSeconds, TimeSpan clockOffset = default, string? signingRegion = null)
    {
        var authority = endpoint.GetLeftPart(UriPartial.Authority);
        return authority + TestSigner.Presign(method.Method, encodedPath, "", Credentials(signingRegion), time.GetUtcNow() + clockOffset,
            expiresSeconds, new Uri(authority).Authority);
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

    private SigningCredentials Credentials(string? signingRegion) => new(accessKey, secretKey, signingRegion ?? region);

    private async Task<RawResponse> ReadAsync(HttpRequestMessage request)
    {
        using var response = await http.SendAsync(request);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var all = response.Headers.Concat(response.Content.Headers)
            .ToDictionary(h => h.Key, h => string.Join(',', h.Value), StringComparer.OrdinalIgnoreCase);
        return new RawResponse(response.StatusCode, all, bytes, ErrorCodeOf(bytes));
    }

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
