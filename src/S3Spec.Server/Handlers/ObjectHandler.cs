using Microsoft.AspNetCore.Mvc;
using S3Spec.Core.Checksums;
using S3Spec.Core.Errors;
using S3Spec.Server.Api;
using S3Spec.Server.Auth;
using S3Spec.Server.Requests;
using S3Spec.Storage.Contract;

namespace S3Spec.Server.Handlers;

/// <summary>Object operations. The handlers speak HTTP and S3; the store does all filesystem work.</summary>
internal sealed class ObjectHandler(IObjectStore store, ObjectWriteRequest writeRequest, ObjectDeleter deleter) : ObjectControllerBase
{
    public override async Task<ActionResult<Tagging>> GetObjectTagging(GetObjectTaggingInput input, CancellationToken cancellationToken)
    {
        VersionIds.RequireNull(input.VersionId);
        await store.HeadObjectAsync(input.Bucket, input.Key, cancellationToken);
        return new Tagging { TagSet = [] };
    }

    public override Task<ActionResult<DeleteResult>> DeleteObjects(DeleteObjectsInput input, Delete body, CancellationToken cancellationToken) =>
        deleter.DeleteAsync(input, body, cancellationToken);

    public override Task<IActionResult> GetObject(GetObjectInput input, CancellationToken cancellationToken) =>
        ReadAsync(input.Bucket, input.Key, input.VersionId, input.Range, input.IfMatch, input.IfNoneMatch, input.IfModifiedSince, input.IfUnmodifiedSince, input.PartNumber,
            ResponseOverrides.FromQuery(input.ResponseContentType, input.ResponseContentLanguage, input.ResponseExpires, input.ResponseCacheControl, input.ResponseContentDisposition, input.ResponseContentEncoding),
            ChecksumMode.Enabled(input.XAmzChecksumMode), withBody: true, cancellationToken);

    public override Task<IActionResult> HeadObject(HeadObjectInput input, CancellationToken cancellationToken) =>
        ReadAsync(input.Bucket, input.Key, input.VersionId, input.Range, input.IfMatch, input.IfNoneMatch, input.IfModifiedSince, input.IfUnmodifiedSince, input.PartNumber,
            ResponseOverrides.FromQuery(input.ResponseContentType, input.ResponseContentLanguage, input.ResponseExpires, input.ResponseCacheControl, input.ResponseContentDisposition, input.ResponseContentEncoding),
            ChecksumMode.Enabled(input.XAmzChecksumMode), withBody: false, cancellationToken);

    public override async Task<IActionResult> PutObject(PutObjectInput input, CancellationToken cancellationToken)
    {
        var options = writeRequest.Options(HttpContext, input.ContentMD5, input.IfNoneMatch, input.IfMatch,
            RequestMetadata.From(new ContentHeaders(input.ContentType, input.ContentEncoding, input.ContentDisposition, input.ContentLanguage, input.CacheControl, input.Expires), input.XAmzMetaHeaders));
        var info = await store.PutObjectAsync(input.Bucket, input.Key, input.Body, options, cancellationToken);
        Response.Headers.ETag = info.ETag;
        writeRequest.EchoChecksums(HttpContext);
        return Ok();
    }

    public override async Task<IActionResult> DeleteObject(DeleteObjectInput input, CancellationToken cancellationToken)
    {
        VersionIds.RequireNull(input.VersionId);
        await store.DeleteObjectAsync(input.Bucket, input.Key, cancellationToken);
        return NoContent();
    }

    public override async Task<ActionResult<CopyObjectResult>> CopyObject(CopyObjectInput input, CancellationToken cancellationToken)
    {
        var (bucket, key) = (input.Bucket, input.Key);
        var source = CopySource.Parse(input.XAmzCopySource);
        S3Authorizer.RequireCopySource(HttpContext.S3Request(), source.Bucket);

        var replace = input.XAmzMetadataDirective switch
        {
            null or "" or "COPY" => false,
            "REPLACE" => true,
            _ => throw new S3Exception(S3Errors.InvalidArgument, "Unknown metadata directive."),
        };

        if (!replace && source.Bucket == bucket && source.Key == key)
        {
            throw new S3Exception(S3Errors.InvalidRequest,
                "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.");
        }

        var info = await store.CopyObjectAsync(new CopyObjectRequest
        {
            SourceVolume = source.Bucket,
            SourceKey = source.Key,
            DestinationVolume = bucket,
            DestinationKey = key,
            ReplaceMetadata = replace
                ? RequestMetadata.From(new ContentHeaders(input.ContentType, input.ContentEncoding, input.ContentDisposition, input.ContentLanguage, input.CacheControl, input.Expires), input.XAmzMetaHeaders)
                : null,
            IfNoneMatch = Values.OrNull(input.IfNoneMatch),
            IfMatch = Values.OrNull(input.IfMatch),
            CheckSource = sourceInfo =>
            {
                var outcome = Preconditions.Evaluate(sourceInfo.ETag, sourceInfo.LastModified, input.XAmzCopySourceIfMatch,
                    input.XAmzCopySourceIfNoneMatch, input.XAmzCopySourceIfModifiedSince, input.XAmzCopySourceIfUnmodifiedSince, isRead: true);
                if (outcome != PreconditionOutcome.Proceed)
                {
                    throw new S3Exception(S3Errors.PreconditionFailed);
                }
            },
        }, cancellationToken);

        var checksums = info.Metadata.Checksums;
        return new CopyObjectResult
        {
            ETag = info.ETag,
            LastModified = info.LastModified,
            ChecksumType = ChecksumTypes.Of(checksums),
            ChecksumCRC32 = checksums.GetValueOrDefault(ChecksumNames.Crc32),
            ChecksumCRC32C = checksums.GetValueOrDefault(ChecksumNames.Crc32C),
            ChecksumCRC64NVME = checksums.GetValueOrDefault(ChecksumNames.Crc64Nvme),
            ChecksumSHA1 = checksums.GetValueOrDefault(ChecksumNames.Sha1),
            ChecksumSHA256 = checksums.GetValueOrDefault(ChecksumNames.Sha256),
        };
    }

    private async Task<IActionResult> ReadAsync(
        string bucket, string key, string? versionId, string? range, string? ifMatch, string? ifNoneMatch, string? ifModifiedSince,
        string? ifUnmodifiedSince, string? partNumber, ResponseOverrides overrides, bool checksumMode, bool withBody, CancellationToken cancellationToken)
    {
        VersionIds.RequireNull(versionId);
        var reader = await store.OpenObjectAsync(bucket, key, cancellationToken);
        try
        {
            var info = reader.Info;
            switch (Preconditions.Evaluate(info.ETag, info.LastModified, ifMatch, ifNoneMatch, ifModifiedSince, ifUnmodifiedSince, isRead: true))
            {
                case PreconditionOutcome.PreconditionFailed:
                    throw new S3Exception(S3Errors.PreconditionFailed);
                case PreconditionOutcome.NotModified:
                    ObjectHeaders.WriteValidators(Response, info);
                    reader.Dispose();
                    return StatusCode(StatusCodes.Status304NotModified);
                default:
                    break;
            }

            var slice = PartNumbers.Slice(partNumber, info.Size) ?? ByteRange.Parse(range, info.Size);
            var offset = slice?.Offset ?? 0;
            var length = slice?.Length ?? info.Size;
            ObjectHeaders.Write(Response, info, length, overrides);
            if (slice is null && checksumMode)
            {
                ObjectHeaders.WriteChecksums(Response, info);
            }

            if (slice is { } r && !string.IsNullOrEmpty(range))
            {
                Response.StatusCode = StatusCodes.Status206PartialContent;
                Response.Headers.ContentRange = $"bytes {r.Offset}-{r.Offset + r.Length - 1}/{info.Size}";
            }

            if (!withBody)
            {
                reader.Dispose();
                return new EmptyResult();
            }

            return new ObjectStreamResult(reader, offset, length);
        }
        catch (S3Exception e) when (e.Error == S3Errors.InvalidRange)
        {
            Response.Headers.ContentRange = $"bytes */{reader.Info.Size}";
            reader.Dispose();
            throw;
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }
}
