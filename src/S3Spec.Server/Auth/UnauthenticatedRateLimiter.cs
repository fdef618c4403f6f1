using S3Spec.Auth;
using S3Spec.Core.Errors;

namespace S3Spec.Server.Auth;

/// <summary>
/// Limits the rate of requests that fail authentication, per client address (settings UnauthenticatedBurst and
/// UnauthenticatedPerSecond): past the budget the address is answered 503 SlowDown without any signature work, so a
/// flood of bad requests cannot take the server's CPU. Authenticated requests are never limited.
/// </summary>
internal sealed class UnauthenticatedRateLimiter(RequestDelegate next, FailureBudget budget)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (!budget.MayTry(address))
        {
            throw new S3Exception(S3Errors.SlowDown, "Too many requests failed authentication from this address; slow down.");
        }

        try
        {
            await next(context);
        }
        catch (S3Exception) when (context.Features.Get<AuthContext>() is null)
        {
            budget.Failed(address);
            throw;
        }
    }
}
