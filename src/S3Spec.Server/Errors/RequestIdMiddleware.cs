using System.Globalization;

namespace S3Spec.Server.Errors;

/// <summary>Gives every request an id, returned as x-amz-request-id (and x-amz-id-2) on every response.</summary>
internal sealed class RequestIdMiddleware(RequestDelegate next, ILogger<RequestIdMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var id = ((ulong)Random.Shared.NextInt64(long.MinValue, long.MaxValue)).ToString("X16", CultureInfo.InvariantCulture);
        context.TraceIdentifier = id;
        context.Response.OnStarting(static state =>
        {
            var ctx = (HttpContext)state;
            ctx.Response.Headers["x-amz-request-id"] = ctx.TraceIdentifier;
            ctx.Response.Headers["x-amz-id-2"] = ctx.TraceIdentifier;
            return Task.CompletedTask;
        }, context);
        using (logger.BeginScope(new KeyValuePair<string, object>[] { new("S3RequestId", id) }))
        {
            await next(context);
        }
    }
}
