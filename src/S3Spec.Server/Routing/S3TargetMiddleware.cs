using Microsoft.AspNetCore.Http.Features;
using S3Spec.Server.Requests;
using S3Spec.Server.Settings;

namespace S3Spec.Server.Routing;

/// <summary>
/// Decodes the bucket and key from the raw request target and rewrites the request path that routing sees to the
/// request's shape only ("/", "/bucket", "/bucket/key"), so that a normalised path (Kestrel collapses "a/../b")
/// can never route a request to an operation of another shape.
/// </summary>
internal sealed class S3TargetMiddleware(RequestDelegate next, ServerOptions options)
{
    public Task InvokeAsync(HttpContext context)
    {
        var raw = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        var target = S3TargetParser.Parse(raw, context.Request.Host.Value, options.BaseDomain);
        context.Features.Set(target);
        context.Features.Set(new S3RequestContext(target));
        context.Request.PathBase = PathString.Empty;
        context.Request.Path = target.Bucket is null ? new PathString("/")
            : target.Key is null ? new PathString("/" + RouteSegment)
            : new PathString("/" + RouteSegment + "/" + RouteSegment);
        return next(context);
    }

    /// <summary>The placeholder segment routing sees; the real values are bound by <see cref="S3TargetBinder"/>.</summary>
    private const string RouteSegment = "_";
}
