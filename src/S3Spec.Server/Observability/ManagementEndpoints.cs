using Prometheus;
using S3Spec.Storage.Contract;

namespace S3Spec.Server.Observability;

/// <summary>
/// The management port (setting ManagementUrls, e.g. http://127.0.0.1:9001): /metrics (Prometheus), /healthz
/// (liveness: the process serves) and /readyz (readiness: the data root is usable). Nothing S3 is served there and
/// no S3 middleware runs for it.
/// </summary>
internal static class ManagementEndpoints
{
    public static void Map(IApplicationBuilder app, CollectorRegistry registry)
    {
        app.UseRouting();
        app.UseEndpoints(endpoints =>
        {
            endpoints.MapMetrics("/metrics", registry);
            endpoints.MapGet("/healthz", static () => Results.Text("ok"));
            endpoints.MapGet("/readyz", static (IObjectStore store, StorageOptions options) =>
            {
                try
                {
                    return Directory.Exists(options.DataRoot) && store.ListVolumes() is not null
                        ? Results.Text("ready")
                        : Results.Text("data root unusable", statusCode: StatusCodes.Status503ServiceUnavailable);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or Core.Errors.S3Exception)
                {
                    return Results.Text("data root unusable: " + e.Message, statusCode: StatusCodes.Status503ServiceUnavailable);
                }
            });
        });
    }
}
