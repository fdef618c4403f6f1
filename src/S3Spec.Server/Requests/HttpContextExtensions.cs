using Microsoft.AspNetCore.Http.Features;
using S3Spec.Auth.Keys;
using S3Spec.Auth;

namespace S3Spec.Server.Requests;

/// <summary>The request's <see cref="S3RequestContext"/> and shortcuts to what handlers read most.</summary>
internal static class HttpContextExtensions
{
    public static S3RequestContext S3Request(this HttpContext context) =>
        context.Features.Get<S3RequestContext>() ?? throw new InvalidOperationException("The request target was not parsed.");

    public static AccessKey AccessKey(this HttpContext context) => context.S3Request().Auth.Key;

    public static AuthContext Auth(this HttpContext context) => context.S3Request().Auth;

    public static S3Target Target(this HttpContext context) => context.Features.GetRequiredFeature<S3Target>();
}
