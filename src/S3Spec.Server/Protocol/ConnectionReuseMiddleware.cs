using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace S3Spec.Server.Protocol;

/// <summary>
/// Keeps an HTTP/1.x connection in step after an answer that did not read the request body (docs/architecture.md,
/// "Connections after an early answer"). A client that sent <c>Expect: 100-continue</c> and got its answer before
/// <c>100 Continue</c> may or may not send the body; the server cannot tell its next request from that body, so such
/// an answer carries <c>Connection: close</c>. So does an answer to a body abandoned by the idle timeout. Any other
/// unread body is drained by Kestrel, and the connection stays usable.
/// </summary>
internal sealed class ConnectionReuseMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (HasBody(request) && (HttpProtocol.IsHttp11(request.Protocol) || HttpProtocol.IsHttp10(request.Protocol)))
        {
            var state = new RequestBodyState();
            context.Features.Set(state);
            context.Response.OnStarting(static s => CloseIfUnread((HttpContext)s), context);
        }

        return next(context);
    }

    private static bool HasBody(HttpRequest request) => request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0;

    private static Task CloseIfUnread(HttpContext context)
    {
        var abandoned = context.Features.Get<RequestBodyState>()?.Abandoned == true;
        if (abandoned || (ExpectsContinue(context.Request) && !BodyStarted(context)))
        {
            context.Response.Headers.Connection = "close";
        }

        return Task.CompletedTask;
    }

    private static bool ExpectsContinue(HttpRequest request)
    {
        foreach (var value in request.Headers.Expect)
        {
            if (value is not null && value.Contains("100-continue", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Kestrel sends 100 Continue on the first read of the body, which also makes the size limit read-only.</summary>
    private static bool BodyStarted(HttpContext context) =>
        context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.IsReadOnly ?? true;
}
