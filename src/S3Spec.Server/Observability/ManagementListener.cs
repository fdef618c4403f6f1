namespace S3Spec.Server.Observability;

/// <summary>The management listener's URL and port (the port tells management requests from S3 requests).</summary>
internal sealed record ManagementListener(string Url, int Port)
{
    public static ManagementListener? Parse(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return null;
        }

        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || uri.IsDefaultPort || uri.Port <= 0)
        {
            throw new InvalidOperationException($"ManagementUrl '{url}' must be an absolute http(s) URL with an explicit port, e.g. http://127.0.0.1:9001.");
        }

        return new ManagementListener(url.Trim(), uri.Port);
    }
}
