namespace S3Spec.Server.Observability;

/// <summary>Console logging: readable lines by default, one JSON object per line (with scopes) when LogFormat is "json".</summary>
internal static class Logs
{
    public static bool IsJson(string? format) => string.Equals(format?.Trim(), "json", StringComparison.OrdinalIgnoreCase);

    public static void Configure(ILoggingBuilder logging, string? format)
    {
        switch (format?.Trim().ToLowerInvariant())
        {
            case null or "" or "simple":
                break;
            case "json":
                logging.ClearProviders();
                logging.AddJsonConsole(o =>
                {
                    o.IncludeScopes = true;
                    o.UseUtcTimestamp = true;
                    o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
                });
                break;
            default:
                throw new InvalidOperationException($"Unknown LogFormat '{format}': use 'simple' or 'json'.");
        }
    }
}
