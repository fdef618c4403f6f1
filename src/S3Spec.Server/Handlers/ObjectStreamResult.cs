using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using S3Spec.Storage.Contract;

namespace S3Spec.Server.Handlers;

/// <summary>Streams a range of an opened object to the response (pooled buffers in the storage reader) and closes it.</summary>
internal sealed class ObjectStreamResult(IObjectReader reader, long offset, long length) : IActionResult
{
    public async Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        await using (reader)
        {
            var http = context.HttpContext;
            http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
            if (length > 0)
            {
                await reader.CopyToAsync(http.Response.BodyWriter, offset, length, http.RequestAborted);
            }
        }
    }
}
