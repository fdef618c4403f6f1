using S3Spec.Server.Protocol;
using S3Spec.Server.Requests;
using S3Spec.Server.Settings;

namespace S3Spec.Server.Auth;

/// <summary>
/// Runs after authorization: replaces the request body with the auth layer's decoding, verifying stream (payload
/// hash, aws-chunked signatures, checksums). An x-amz-checksum-* header describes the body unless the operation's
/// trait says it covers the whole object (<c>x-s3-checksum: object</c>, CompleteMultipartUpload). An empty body that
/// carries such a header is opened too, so its checksum is verified and stored like any other.
/// Below the decoding, the socket's bytes come through <see cref="IdleTimeoutPipeReader"/> (RequestBodyIdleTimeout).
/// </summary>
internal sealed class RequestBodyMiddleware(RequestDelegate next, ServerOptions options, TimeProvider time)
{
    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var s3 = context.S3Request();
        var auth = s3.Auth;
        ContentMd5.Read(request.Headers);
        var describesBody = s3.Operation?.Checksum != ChecksumScope.Object;
        if (request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0 || auth.IsChunked
            || (describesBody && ChecksumHeaders.Read(InputValues.Family(request.Headers, ChecksumHeaders.FamilyPrefix)) is not null))
        {
            request.Body = auth.OpenBody(SocketReader(context), request.ContentLength, verifyChecksumHeader: describesBody);
        }

        return next(context);
    }

    private System.IO.Pipelines.PipeReader SocketReader(HttpContext context)
    {
        var reader = context.Request.BodyReader;
        if (options.RequestBodyIdleTimeout <= TimeSpan.Zero || context.Features.Get<RequestBodyState>() is not { } state)
        {
            return reader;
        }

        var idle = new IdleTimeoutPipeReader(reader, options.RequestBodyIdleTimeout, state, time);
        context.Response.RegisterForDispose(idle);
        return idle;
    }
}
