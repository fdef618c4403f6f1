using S3Spec.Server.Protocol;
using S3Spec.Server.Requests;
using S3Spec.Storage.Contract;

namespace S3Spec.Server.Handlers;

/// <summary>What every body-carrying write (PutObject, UploadPart) hands the store besides the body itself.</summary>
internal sealed class ObjectWriteRequest
{
    /// <param name="context">The request: its object length and verified checksums come from its <see cref="S3RequestContext"/>.</param>
    /// <param name="contentMd5">Content-MD5 as sent (null: not sent).</param>
    /// <param name="ifNoneMatch">If-None-Match as sent.</param>
    /// <param name="ifMatch">If-Match as sent.</param>
    /// <param name="metadata">The metadata to store (<see cref="ObjectMetadata.Empty"/> for a part).</param>
    public PutObjectOptions Options(HttpContext context, string? contentMd5, string? ifNoneMatch, string? ifMatch, ObjectMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.S3Request();
        return new PutObjectOptions
        {
            Metadata = metadata,
            ContentLength = request.ObjectLength(context.Request),
            ContentMd5 = ContentMd5.Read(contentMd5),
            VerifiedChecksums = () => request.VerifiedChecksums,
            IfNoneMatch = Values.OrNull(ifNoneMatch),
            IfMatch = Values.OrNull(ifMatch),
        };
    }

    /// <summary>Returns the checksums the body stream verified (x-amz-checksum-*), as S3 does.</summary>
    public void EchoChecksums(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var (algorithm, value) in context.S3Request().VerifiedChecksums)
        {
            context.Response.Headers["x-amz-checksum-" + algorithm.ToLowerInvariant()] = value;
        }
    }
}
