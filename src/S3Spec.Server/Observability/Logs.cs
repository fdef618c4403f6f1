namespace S3Spec.Server.Observability;

/// <summary>Console logging: readable lines by default, one JSON object per line (with scopes) when LogFormat is "json".</summary>
internal static class Logs
{
    public static bool IsJson(string? format) => string.Equals(format?.Trim(), "json", StringComparison.OrdinalIgnoreCase);

    /// <summary>ASP.NET hosting's category: while it logs at any level, hosting starts an Activity and a logging scope per request.</summary>
    public const string HostingDiagnostics = "Microsoft.AspNetCore.Hosting.Diagnostics";

    public static void Configure(ILoggingBuilder logging, string? format)
    {
        // Its request lines (Information) were never shown; the request id, the access log and the metrics are
        // S3Spec's own (docs/performance.md, "Per-request cost (third round)").
        logging.AddFilter(HostingDiagnostics, LogLevel.None);
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
