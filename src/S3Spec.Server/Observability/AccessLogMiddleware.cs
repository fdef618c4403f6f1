using System.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using S3Spec.Server.Routing;
using S3Spec.Server.Requests;

namespace S3Spec.Server.Observability;

/// <summary>
/// One access-log line and the metrics of every S3 request: operation, volume, key, status, bytes in and out,
/// duration, under the request id (the x-amz-request-id). Never headers, signatures or secrets.
/// </summary>
internal sealed class AccessLogMiddleware(RequestDelegate next, S3Metrics metrics, AccessLog accessLog, ILogger<AccessLogMiddleware> logger, TimeProvider time)
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
            metrics.Record(operation, status, elapsed, bytesIn, bytesOut);
            if (logger.IsEnabled(LogLevel.Information))
            {
                accessLog.Write(new AccessLogEntry(time.GetUtcNow(), context.TraceIdentifier, context.Request.Method, operation, target?.Bucket, target?.Key,
                    status, bytesIn, bytesOut, elapsed.TotalMilliseconds));
            }
        }
    }
}
