using S3Spec.Auth;
using S3Spec.Server.Routing;

namespace S3Spec.Server.Hosting;

/// <summary>Per-request state the middleware leaves for the handlers.</summary>
internal static class HttpContextExtensions
{
    public static AccessKey AccessKey(this HttpContext context) =>
        context.Features.Get<AuthContext>()?.Key ?? throw new InvalidOperationException("The request was not authenticated.");

    public static AuthContext Auth(this HttpContext context) =>
        context.Features.Get<AuthContext>() ?? throw new InvalidOperationException("The request was not authenticated.");

    public static S3Target Target(this HttpContext context) =>
        context.Features.Get<S3Target>() ?? throw new InvalidOperationException("The request target was not parsed.");
}
