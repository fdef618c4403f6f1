using S3Spec.Core.Errors;
using S3Spec.Server.Hosting;

namespace S3Spec.Server.Routing;

/// <summary>
/// Runs after routing, before any handler: refuses headers asking for unsupported S3 features, and what the
/// server's profile does not serve (operations, presigned URLs).
/// </summary>
internal sealed class FeatureGuardMiddleware(RequestDelegate next, ServerProfile profile)
{
    public Task InvokeAsync(HttpContext context)
    {
        UnsupportedHeaders.Check(context.Request.Headers);
        var operation = context.GetEndpoint()?.Metadata.GetMetadata<S3OperationAttribute>()?.OperationId;
        if (operation is not null && profile.RefusedOperations.Contains(operation))
        {
            throw new S3Exception(S3Errors.NotImplemented, $"{operation} is not supported by this server (profile '{profile.Name}').");
        }

        if (!profile.AllowsPresigned && context.Auth().Presigned)
        {
            throw new S3Exception(S3Errors.AccessDenied, $"Presigned URLs are not supported by this server (profile '{profile.Name}').");
        }

        return next(context);
    }
}
