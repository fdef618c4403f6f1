using S3Spec.Core.Errors;

namespace S3Spec.Server.Auth;

/// <summary>
/// Limits requests that fail authentication, per client address (settings UnauthenticatedBurst and
/// UnauthenticatedPerSecond; the address is the connection's, or the X-Forwarded-For client of a trusted proxy,
/// TrustedProxies): <see cref="SigV4Middleware"/> reports each authentication failure, which spends a token of the
/// address's <see cref="FailureBudget"/>; once the address has none left its failures are answered 503 SlowDown.
/// Requests that authenticate are never limited, whatever their address did before (docs/auth.md, "Failed
/// authentication"); authorization refusals (a volume the key may not use, a read-only key writing) are not failures.
/// </summary>
internal sealed class UnauthenticatedRateLimiter(FailureBudget budget)
{
    /// <summary>Counts a failed authentication of the request's address; throws SlowDown when the address is exhausted.</summary>
    public void Failed(HttpContext context)
    {
        if (!budget.TrySpend(context.Connection.RemoteIpAddress))
        {
            throw new S3Exception(S3Errors.SlowDown, "Too many requests failed authentication from this address; slow down.");
        }
    }
}
