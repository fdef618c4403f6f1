namespace S3Spec.Server.Hosting;

/// <summary>
/// `S3Spec.Server --probe [URL]`: a health check that needs no curl in the image. GETs the URL once; any HTTP
/// response (even 403 for an unsigned request) means the server is alive (exit 0), no response means exit 1.
/// Without a URL it probes the first address of ASPNETCORE_URLS (wildcard hosts become 127.0.0.1), else port 9000.
/// </summary>
internal static class Probe
{
    public const string Switch = "--probe";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public static bool IsRequested(string[] args) => args.Length > 0 && args[0] == Switch;

    public static async Task<int> RunAsync(string[] args)
    {
        var url = args.Length > 1 ? args[1] : DefaultUrl(Environment.GetEnvironmentVariable("ASPNETCORE_URLS"));
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            await Console.Error.WriteLineAsync($"probe: not an http(s) URL: {url}");
            return 2;
        }

        using var handler = new SocketsHttpHandler { ConnectTimeout = Timeout, UseProxy = false, AllowAutoRedirect = false };
        using var client = new HttpClient(handler) { Timeout = Timeout };
        try
        {
            using var response = await client.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead);
            await Console.Out.WriteLineAsync($"probe: {uri} answered {(int)response.StatusCode}");
            return 0;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            await Console.Error.WriteLineAsync($"probe: {uri} did not answer: {e.Message}");
            return 1;
        }
    }

    internal static string DefaultUrl(string? urls)
    {
        var first = urls?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        if (string.IsNullOrEmpty(first))
        {
            return CommandLine.DefaultUrl + "/";
        }

        var schemeEnd = first.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd < 0)
        {
            return first;
        }

        var hostStart = schemeEnd + 3;
        var portStart = first.LastIndexOf(':');
        var host = portStart > hostStart ? first[hostStart..portStart] : first[hostStart..].TrimEnd('/');
        var wildcard = host is "+" or "*" or "0.0.0.0" or "[::]" or "localhost";
        return wildcard ? string.Concat(first.AsSpan(0, hostStart), "127.0.0.1", first.AsSpan(hostStart + host.Length)) : first;
    }
}
