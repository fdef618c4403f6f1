using System.Globalization;
using S3Spec.Core.Errors;
using S3Spec.Server.Hosting;
using S3Spec.Storage;

namespace S3Spec.Server.Handlers;

/// <summary>What every body-carrying write (PutObject, UploadPart) reads from the request besides the body itself.</summary>
internal sealed class ObjectWriteRequest
{
    public PutObjectOptions Options(HttpContext context, bool withMetadata = true)
    {
        var headers = context.Request.Headers;
        var auth = context.Auth();
        return new PutObjectOptions
        {
            Metadata = withMetadata ? RequestMetadata.FromHeaders(headers) : ObjectMetadata.Empty,
            ContentLength = DecodedLength(context.Request),
            ContentMd5 = RequestMetadata.ContentMd5(headers),
            VerifiedChecksums = () => auth.Checksums,
            IfNoneMatch = Values.OrNull(headers.IfNoneMatch),
            IfMatch = Values.OrNull(headers.IfMatch),
        };
    }


    /// <summary>Returns the checksums the body stream verified (x-amz-checksum-*), as S3 does.</summary>
    public void EchoChecksums(HttpContext context)
    {
        foreach (var (algorithm, value) in context.Auth().Checksums)
        {
            context.Response.Headers["x-amz-checksum-" + algorithm.ToLowerInvariant()] = value;
        }
    }

    /// <summary>The object's length: x-amz-decoded-content-length for aws-chunked bodies, else Content-Length.</summary>
    private static long? DecodedLength(HttpRequest request)
    {
        var decoded = request.Headers["x-amz-decoded-content-length"].ToString();
        if (decoded.Length > 0)
        {
            if (!long.TryParse(decoded, NumberStyles.None, CultureInfo.InvariantCulture, out var length))
            {
                throw new S3Exception(S3Errors.InvalidArgument, "x-amz-decoded-content-length is not a valid length.");
            }

            return length;
        }

        if (request.ContentLength is { } contentLength)
        {
            return contentLength;
        }

        if (request.Headers.TransferEncoding.Count == 0)
        {
            throw new S3Exception(S3Errors.MissingContentLength);
        }

        return null;
    }
}
