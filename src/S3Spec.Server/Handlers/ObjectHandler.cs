using Microsoft.AspNetCore.Mvc;
using S3Spec.Core.Checksums;
using S3Spec.Core.Errors;
using S3Spec.Server.Api;
using S3Spec.Server.Hosting;
using S3Spec.Storage;

namespace S3Spec.Server.Handlers;

/// <summary>Object operations. The handlers speak HTTP and S3; the store does all filesystem work.</summary>
internal sealed class ObjectHandler(IObjectStore store, ObjectWriteRequest writeRequest, ObjectDeleter deleter) : ObjectControllerBase
{
    public override async Task<ActionResult<Tagging>> GetObjectTagging(string bucket, string key, string tagging, string versionId, CancellationToken cancellationToken)
    {
        VersionIds.RequireNull(versionId);
        await store.HeadObjectAsync(bucket, key, cancellationToken);
        return new Tagging { TagSet = [] };
    }

    public override Task<ActionResult<DeleteResult>> DeleteObjects(string bucket, string delete, Delete body, CancellationToken cancellationToken) =>
        deleter.DeleteAsync(HttpContext, bucket, body, cancellationToken);

    public override Task<IActionResult> GetObject(
        string bucket, string key, string versionId, string range, string if_Match, string if_None_Match, string if_Modified_Since,
        string if_Unmodified_Since, string partNumber, string response_content_type, string response_content_language, string response_expires,
        string response_cache_control, string response_content_disposition, string response_content_encoding, CancellationToken cancellationToken) =>
        ReadAsync(bucket, key, versionId, range, if_Match, if_None_Match, if_Modified_Since, if_Unmodified_Since, partNumber,
            ResponseOverrides.FromQuery(response_content_type, response_content_language, response_expires, response_cache_control, response_content_disposition, response_content_encoding),
            withBody: true, cancellationToken);

    public override Task<IActionResult> HeadObject(
        string bucket, string key, string versionId, string range, string if_Match, string if_None_Match, string if_Modified_Since,
        string if_Unmodified_Since, string partNumber, string response_content_type, string response_content_language, string response_expires,
        string response_cache_control, string response_content_disposition, string response_content_encoding, CancellationToken cancellationToken) =>
        ReadAsync(bucket, key, versionId, range, if_Match, if_None_Match, if_Modified_Since, if_Unmodified_Since, partNumber,
            ResponseOverrides.FromQuery(response_content_type, response_content_language, response_expires, response_cache_control, response_content_disposition, response_content_encoding),
            withBody: false, cancellationToken);

    public override async Task<IActionResult> PutObject(
        string bucket, string key, string content_MD5, string if_None_Match, string if_Match, Stream body, CancellationToken cancellationToken)
    {
        var options = writeRequest.Options(HttpContext);
        var info = await store.PutObjectAsync(bucket, key, body, options, cancellationToken);
        Response.Headers.ETag = info.ETag;
        writeRequest.EchoChecksums(HttpContext);
        return Ok();
    }

    public override async Task<IActionResult> DeleteObject(string bucket, string key, string versionId, CancellationToken cancellationToken)
    {
        VersionIds.RequireNull(versionId);
        await store.DeleteObjectAsync(bucket, key, cancellationToken);
        return NoContent();
    }

    public override async Task<ActionResult<CopyObjectResult>> CopyObject(
        string bucket, string key, string x_amz_copy_source, string x_amz_metadata_directive, string x_amz_copy_source_if_match,
        string x_amz_copy_source_if_none_match, string x_amz_copy_source_if_modified_since, string x_amz_copy_source_if_unmodified_since,
        CancellationToken cancellationToken)
    {
        var source = CopySource.Parse(x_amz_copy_source);
        var accessKey = HttpContext.AccessKey();
        if (!accessKey.MayUse(source.Bucket))
        {
            throw new S3Exception(S3Errors.AccessDenied);
        }

        var replace = x_amz_metadata_directive switch
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
            ReplaceMetadata = replace ? RequestMetadata.FromHeaders(Request.Headers) : null,
            IfNoneMatch = Values.OrNull(Request.Headers.IfNoneMatch),
            IfMatch = Values.OrNull(Request.Headers.IfMatch),
            CheckSource = sourceInfo =>
            {
                var outcome = Preconditions.Evaluate(sourceInfo.ETag, sourceInfo.LastModified, x_amz_copy_source_if_match,
                    x_amz_copy_source_if_none_match, x_amz_copy_source_if_modified_since, x_amz_copy_source_if_unmodified_since, isRead: true);
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
        string? ifUnmodifiedSince, string? partNumber, ResponseOverrides overrides, bool withBody, CancellationToken cancellationToken)
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
            if (slice is null && ChecksumMode.Enabled(Request.Headers))
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
