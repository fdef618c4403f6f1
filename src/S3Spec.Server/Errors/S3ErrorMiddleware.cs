using Microsoft.AspNetCore.Http.Features;
using S3Spec.Core.Errors;

namespace S3Spec.Server.Errors;

/// <summary>
/// Turns every failure below it into an S3 error response from the one error table. Kestrel's own request errors
/// (body too large, body too slow, truncated body) map to their S3 equivalents; anything unexpected is logged and
/// answered InternalError. When the response has already started, the connection is aborted instead.
/// </summary>
internal sealed partial class S3ErrorMiddleware(RequestDelegate next, S3ErrorWriter writer, ILogger<S3ErrorMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (S3Exception e)
        {
            if (e.Error.Status >= 500)
            {
                LogServerError(logger, context.TraceIdentifier, e.Error.Code, e.InnerException ?? e);
            }

            await RespondAsync(context, e.Error, e.Message, e.Details);
        }
        catch (BadHttpRequestException e)
        {
            var error = e.StatusCode switch
            {
                StatusCodes.Status413PayloadTooLarge => S3Errors.EntityTooLarge,
                StatusCodes.Status408RequestTimeout => S3Errors.RequestTimeout,
                _ => S3Errors.IncompleteBody,
            };
            await RespondAsync(context, error, error.Message, []);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is nobody to answer.
        }
        catch (Exception e) when (e is IOException or Microsoft.AspNetCore.Connections.ConnectionResetException && context.RequestAborted.IsCancellationRequested)
        {
            // The client went away mid-body; nothing was published (the storage layer cleans up).
        }
        catch (Exception e)
        {
            LogServerError(logger, context.TraceIdentifier, S3Errors.InternalError.Code, e);
            await RespondAsync(context, S3Errors.InternalError, S3Errors.InternalError.Message, []);
        }
    }

    private async Task RespondAsync(HttpContext context, S3Error error, string message, IReadOnlyList<KeyValuePair<string, string>> details)
    {
        if (context.Response.HasStarted)
        {
            context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
            context.Abort();
            return;
        }

        await writer.WriteAsync(context, error, message, details);
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "Request {RequestId} failed with {Code}")]
    private static partial void LogServerError(ILogger logger, string requestId, string code, Exception exception);
}
