using S3Spec.Auth.Signing;
using S3Spec.Auth;
using S3Spec.Core.Errors;
using S3Spec.Server.Requests;

namespace S3Spec.Server.Auth;

/// <summary>
/// The one place requests are authenticated, before routing and before any handler or disk access: verifies the
/// SigV4 signature and records the outcome in the request's <see cref="S3RequestContext"/>. What the key may do is
/// decided by <see cref="S3Authorizer"/> once routing knows the operation. Authentication failures, and only they,
/// are reported to <see cref="UnauthenticatedRateLimiter"/>.
/// </summary>
internal sealed class SigV4Middleware(RequestDelegate next, SigV4Authenticator authenticator, UnauthenticatedRateLimiter limiter)
{
    public Task InvokeAsync(HttpContext context)
    {
        var s3 = context.S3Request();
        var target = s3.Target;
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

        s3.Authenticated(auth);
        return next(context);
    }
}
