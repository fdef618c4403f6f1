using S3Spec.Auth;
using S3Spec.Server.Hosting;
using S3Spec.Server.Protocol;
using S3Spec.Server.Routing;

namespace S3Spec.Server.Auth;

/// <summary>
/// Runs after routing: replaces the request body with the auth layer's decoding, verifying stream (payload hash,
/// aws-chunked signatures, checksums). An x-amz-checksum-* header describes the body for every operation except
/// CompleteMultipartUpload, where it is the checksum of the whole assembled object, not of the XML document. An empty
/// body that carries such a header is opened too, so its checksum is verified and stored like any other.
/// Below the decoding, the socket's bytes come through <see cref="IdleTimeoutPipeReader"/> (RequestBodyIdleTimeout).
/// </summary>
internal sealed class RequestBodyMiddleware(RequestDelegate next, ServerOptions options, TimeProvider time)
{
    private const string ChecksumDescribesObject = "CompleteMultipartUpload";

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var auth = context.Auth();
        Handlers.RequestMetadata.ContentMd5(request.Headers);
        var operation = context.GetEndpoint()?.Metadata.GetMetadata<S3OperationAttribute>()?.OperationId;
        var describesBody = operation != ChecksumDescribesObject;
        if (request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0 || auth.IsChunked
            || (describesBody && Handlers.ChecksumHeaders.Read(request.Headers) is not null))
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
