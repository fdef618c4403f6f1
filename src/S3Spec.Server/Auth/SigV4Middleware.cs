using S3Spec.Auth;
using S3Spec.Core.Errors;
using S3Spec.Server.Routing;

namespace S3Spec.Server.Auth;

/// <summary>
/// The one place requests are authenticated and authorized, before routing and before any handler or disk access:
/// verifies the SigV4 signature, checks that the access key may use the addressed volume (and may write, for writes).
/// Authentication failures, and only they, are reported to <see cref="UnauthenticatedRateLimiter"/>.
/// The body is opened by <see cref="RequestBodyMiddleware"/> once routing knows the operation.
/// </summary>
internal sealed class SigV4Middleware(RequestDelegate next, SigV4Authenticator authenticator, UnauthenticatedRateLimiter limiter)
{
    public Task InvokeAsync(HttpContext context)
    {
        var target = context.Features.Get<S3Target>()!;
        var request = context.Request;
        var headers = new Dictionary<string, string>(request.Headers.Count, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in request.Headers)
        {
            headers[name] = values.Count == 1 ? values[0] ?? string.Empty : string.Join(',', values.ToArray());
        }

        AuthContext auth;
        try
        {
            auth = authenticator.Authenticate(new SigV4Request
            {
                Method = request.Method,
                RawPath = target.RawPath,
                RawQuery = target.RawQuery,
                Headers = headers,
            });
        }
        catch (S3Exception)
        {
            limiter.Failed(context);
            throw;
        }

        if (target.Bucket is { } bucket && !auth.Key.MayUse(bucket))
        {
            throw new S3Exception(S3Errors.AccessDenied);
        }

        if (auth.Key.ReadOnly && !HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            throw new S3Exception(S3Errors.ReadOnlyKey);
        }

        context.Features.Set(auth);
        return next(context);
    }
}
