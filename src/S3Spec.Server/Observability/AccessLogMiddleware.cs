using System.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using S3Spec.Server.Routing;

namespace S3Spec.Server.Observability;

/// <summary>
/// One access-log line and the metrics of every S3 request: operation, volume, key, status, bytes in and out,
/// duration, under the request id (the x-amz-request-id). Never headers, signatures or secrets.
/// </summary>
internal sealed partial class AccessLogMiddleware(RequestDelegate next, S3Metrics metrics, ILogger<AccessLogMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        metrics.InFlight.Inc();
        try
        {
            await next(context);
        }
        finally
        {
            metrics.InFlight.Dec();
            var elapsed = Stopwatch.GetElapsedTime(started);
            var operation = context.GetEndpoint()?.Metadata.GetMetadata<S3OperationAttribute>()?.OperationId ?? "Unknown";
            // 499 (client closed request) when the connection went away before the response started.
            var status = context.RequestAborted.IsCancellationRequested && !context.Response.HasStarted ? 499 : context.Response.StatusCode;
            var bytesIn = context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == true ? context.Request.ContentLength ?? 0 : 0;
            var bytesOut = context.Response.ContentLength ?? 0;
            var target = context.Features.Get<S3Target>();
            metrics.Requests.WithLabels(operation, status.ToString(System.Globalization.CultureInfo.InvariantCulture)).Inc();
            metrics.Latency.WithLabels(operation).Observe(elapsed.TotalSeconds);
            metrics.BytesIn.WithLabels(operation).Inc(bytesIn);
            metrics.BytesOut.WithLabels(operation).Inc(bytesOut);
            LogAccess(logger, context.TraceIdentifier, context.Request.Method, operation, target?.Bucket, target?.Key, status, bytesIn, bytesOut, elapsed.TotalMilliseconds);
        }
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Information,
        Message = "{RequestId} {Method} {Operation} volume={Volume} key={Key} status={Status} in={BytesIn} out={BytesOut} ms={DurationMs:F1}")]
    private static partial void LogAccess(
        ILogger logger, string requestId, string method, string operation, string? volume, string? key, int status, long bytesIn, long bytesOut, double durationMs);
}
