using Microsoft.AspNetCore.Mvc;
using S3Spec.Core.Errors;
using S3Spec.Server.Errors;
using S3Spec.Server.Xml;

namespace S3Spec.Server.Handlers;

/// <summary>
/// Keeps a long operation's connection alive the way S3 does for CompleteMultipartUpload: when the result is not
/// ready after <see cref="FirstByteAfter"/>, the 200 response starts with the XML declaration, a space follows every
/// <see cref="Interval"/> so that no client or proxy times out, and the result document — or an S3 Error document,
/// which SDKs look for in a 200 body — ends it. Fast operations answer normally.
/// </summary>
internal sealed class KeepAliveResponder(S3XmlSerializer serializer, TimeProvider time)
{
    public static readonly TimeSpan FirstByteAfter = TimeSpan.FromSeconds(2);

    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    private static readonly ReadOnlyMemory<byte> Space = " "u8.ToArray();

    public async Task<ActionResult<TResult>> RespondAsync<TValue, TResult>(HttpContext context, Task<TValue> work, Func<TValue, TResult> result)
        where TResult : class
    {
        var aborted = context.RequestAborted;
        if (await Task.WhenAny(work, Task.Delay(FirstByteAfter, time, aborted)) == work)
        {
            return result(await work);
        }

        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/xml";
        await response.Body.WriteAsync(S3XmlSerializer.Declaration, aborted);
        await response.Body.FlushAsync(aborted);
        while (!work.IsCompleted)
        {
            await Task.WhenAny(work, Task.Delay(Interval, time, aborted));
            if (!work.IsCompleted)
            {
                await response.Body.WriteAsync(Space, aborted);
                await response.Body.FlushAsync(aborted);
            }
        }

        object document;
        try
        {
            document = result(await work);
        }
        catch (S3Exception e)
        {
            document = S3ErrorWriter.Body(context, e.Error, e.Message, e.Details);
        }

        await serializer.WriteAsync(response.Body, document, withDeclaration: false, aborted);
        return new EmptyResult();
    }
}
