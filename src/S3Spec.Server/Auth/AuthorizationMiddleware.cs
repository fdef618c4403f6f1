using S3Spec.Server.Requests;
using S3Spec.Server.Routing;

namespace S3Spec.Server.Auth;

/// <summary>
/// Runs after routing, before any handler: records the selected operation's traits in the request context, then
/// refuses, in this order, what the key may not do (volume, read-only), headers asking for S3 features volumes do
/// not have, and what the server's profile does not serve (operations, presigned URLs).
/// </summary>
internal sealed class AuthorizationMiddleware(RequestDelegate next, S3Authorizer authorizer)
{
    public Task InvokeAsync(HttpContext context)
    {
        var request = context.S3Request();
        request.Routed(context.GetEndpoint()?.Metadata.GetMetadata<S3OperationAttribute>()?.Traits);
        S3Authorizer.RequireKeyAccess(request, context.Request.Method);
        UnsupportedHeaders.Check(context.Request.Headers);
        authorizer.RequireProfile(request);
        return next(context);
    }
}
