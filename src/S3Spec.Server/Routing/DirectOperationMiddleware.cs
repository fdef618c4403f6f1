using S3Spec.Server.Requests;

namespace S3Spec.Server.Routing;

/// <summary>
/// Runs before routing: when <see cref="DirectOperationTable"/> selects an operation, sets its endpoint (the MVC
/// endpoint's metadata, a direct call as its delegate), so that routing skips matching and the endpoint middleware
/// calls the handler without MVC's per-request machinery. Every other request is routed by MVC as before.
/// </summary>
internal sealed class DirectOperationMiddleware(RequestDelegate next, Func<DirectOperationTable> table)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint() is null && context.Features.Get<S3Target>() is { } target && table().Select(context.Request, target) is { } operation)
        {
            context.SetEndpoint(operation.Endpoint);
        }

        return next(context);
    }
}
