using Microsoft.AspNetCore.Mvc;
using S3Spec.Core.Checksums;
using S3Spec.Core.Errors;
using S3Spec.Server.Api;
using S3Spec.Server.Auth;
using S3Spec.Server.Protocol;
using S3Spec.Server.Requests;
using S3Spec.Storage.Contract;
using CompletedPart = S3Spec.Storage.Contract.CompletedPart;

namespace S3Spec.Server.Handlers;

/// <summary>Multipart uploads: parts are staged in the volume's .s3compat_uploads folder until Complete or Abort.</summary>
internal sealed class MultipartHandler(IObjectStore store, ObjectWriteRequest writeRequest, KeepAliveResponder keepAlive) : MultipartControllerBase
{
    public override async Task<ActionResult<InitiateMultipartUploadResult>> CreateMultipartUpload(CreateMultipartUploadInput input, CancellationToken cancellationToken)
    {
        var (bucket, key) = (input.Bucket, input.Key);
        if (!ListingCodec.IsXmlSafe(key))
        {
            throw new S3Exception(S3Errors.InvalidArgument, "The key contains characters XML 1.0 cannot carry; the multipart upload's XML answers could not name it (use PutObject).");
        }

        var checksum = UploadChecksum.Parse(input.XAmzChecksumAlgorithm, input.XAmzChecksumType);
        var options = writeRequest.Options(HttpContext, contentMd5: null, ifNoneMatch: null, ifMatch: null,
            RequestMetadata.From(new ContentHeaders(input.ContentType, input.ContentEncoding, input.ContentDisposition, input.ContentLanguage, input.CacheControl, input.Expires), input.XAmzMetaHeaders));
        var upload = await store.CreateMultipartUploadAsync(bucket, key, options.Metadata, HttpContext.AccessKey().AccessKeyId, checksum, cancellationToken);
        if (upload.Checksum is { } declared)
        {
            Response.Headers["x-amz-checksum-algorithm"] = declared.Algorithm;
            Response.Headers["x-amz-checksum-type"] = declared.Type;
        }

        return new InitiateMultipartUploadResult { Bucket = bucket, Key = key, UploadId = upload.UploadId };
    }

    public override async Task<IActionResult> UploadPart(UploadPartInput input, CancellationToken cancellationToken)
    {
        var number = PartNumbers.Parse(input.PartNumber);
        var options = writeRequest.Options(HttpContext, input.ContentMD5, input.IfNoneMatch, input.IfMatch, ObjectMetadata.Empty);
        var part = await store.UploadPartAsync(input.Bucket, input.Key, input.UploadId, number, input.Body, options, cancellationToken);
        Response.Headers.ETag = part.ETag;
        writeRequest.EchoChecksums(HttpContext);
        return Ok();
    }

    public override async Task<ActionResult<ListPartsResult>> ListParts(ListPartsInput input, CancellationToken cancellationToken)
    {
        var (bucket, key, uploadId) = (input.Bucket, input.Key, input.UploadId);
        var maxParts = ListingCodec.ParseMax(input.MaxParts, "max-parts", 1000);
        var marker = string.IsNullOrEmpty(input.PartNumberMarker) ? 0 : PartNumbers.ParseMarker(input.PartNumberMarker);
        var upload = await store.GetMultipartUploadAsync(bucket, key, uploadId, cancellationToken);
        var page = await store.ListPartsAsync(bucket, key, uploadId, marker, maxParts, cancellationToken);
        var parts = new List<Part>(page.Parts.Count);
        foreach (var p in page.Parts)
        {
            parts.Add(new Part { PartNumber = p.PartNumber, ETag = p.ETag, Size = p.Size, LastModified = p.LastModified });
        }

        return new ListPartsResult
        {
            Bucket = bucket,
            Key = key,
            UploadId = uploadId,
            Initiator = new Initiator { ID = upload.Owner, DisplayName = upload.Owner },
            Owner = Owners.Of(upload.Owner),
            StorageClass = Protocol.StorageClass.Standard,
            PartNumberMarker = marker,
            NextPartNumberMarker = page.NextPartNumberMarker,
            MaxParts = maxParts,
            IsTruncated = page.IsTruncated,
            Parts = parts,
        };
    }

    public override async Task<ActionResult<CopyPartResult>> UploadPartCopy(UploadPartCopyInput input, CancellationToken cancellationToken)
    {
        var number = PartNumbers.Parse(input.PartNumber);
        var source = CopySource.Parse(input.XAmzCopySource);
        S3Authorizer.RequireCopySource(HttpContext.S3Request(), source.Bucket);

        var part = await store.UploadPartCopyAsync(new UploadPartCopyRequest
        {
            SourceVolume = source.Bucket,
            SourceKey = source.Key,
            Volume = input.Bucket,
            Key = input.Key,
            UploadId = input.UploadId,
            PartNumber = number,
            Range = CopySourceRange.Parse(input.XAmzCopySourceRange),
            CheckSource = info =>
            {
                if (Preconditions.Evaluate(info.ETag, info.LastModified, input.XAmzCopySourceIfMatch, input.XAmzCopySourceIfNoneMatch,
                        input.XAmzCopySourceIfModifiedSince, input.XAmzCopySourceIfUnmodifiedSince, isRead: true) != PreconditionOutcome.Proceed)
                {
                    throw new S3Exception(S3Errors.PreconditionFailed);
                }
            },
        }, cancellationToken);
        return new CopyPartResult { ETag = part.ETag, LastModified = part.LastModified };
    }

    public override async Task<ActionResult<CompleteMultipartUploadResult>> CompleteMultipartUpload(
        CompleteMultipartUploadInput input, CompleteMultipartUpload body, CancellationToken cancellationToken)
    {
        var (bucket, key, uploadId) = (input.Bucket, input.Key, input.UploadId);
        if (body?.Parts is not { Count: > 0 } requested)
        {
            throw new S3Exception(S3Errors.MalformedXML, "The XML you provided was not well-formed or did not validate against our published schema: it names no parts.");
        }

        var parts = new List<CompletedPart>(requested.Count);
        foreach (var p in requested)
        {
            if (p.PartNumber is not { } number || string.IsNullOrEmpty(p.ETag))
            {
                throw new S3Exception(S3Errors.MalformedXML, "Every Part needs a PartNumber and an ETag.");
            }

            parts.Add(new CompletedPart(number, p.ETag) { Checksums = PartChecksums(p) });
        }

        var options = new CompleteOptions
        {
            IfNoneMatch = Values.OrNull(input.IfNoneMatch),
            IfMatch = Values.OrNull(input.IfMatch),
            ExpectedChecksums = ChecksumHeaders.Read(input.XAmzChecksumHeaders),
            ChecksumType = Values.OrNull(input.XAmzChecksumType),
        };
        var location = $"{Request.Scheme}://{Request.Host}/{Uri.EscapeDataString(bucket)}/{ListingCodec.UrlEncode(key, true)}";
        var completion = store.CompleteMultipartUploadAsync(bucket, key, uploadId, parts, options, cancellationToken);
        return await keepAlive.RespondAsync(HttpContext, completion, info => CompletedResult(location, bucket, key, info));
    }

    public override async Task<IActionResult> AbortMultipartUpload(AbortMultipartUploadInput input, CancellationToken cancellationToken)
    {
        await store.AbortMultipartUploadAsync(input.Bucket, input.Key, input.UploadId, cancellationToken);
        return NoContent();
    }

    public override async Task<ActionResult<ListMultipartUploadsResult>> ListMultipartUploads(ListMultipartUploadsInput input, CancellationToken cancellationToken)
    {
        var (bucket, prefix, delimiter) = (input.Bucket, input.Prefix, input.Delimiter);
        var url = ListingCodec.ParseEncodingType(input.EncodingType);
        var maxUploads = ListingCodec.ParseMax(input.MaxUploads, "max-uploads", 1000);
        ListingCodec.RequireEchoable(prefix, "prefix", url);
        ListingCodec.RequireEchoable(delimiter, "delimiter", url);
        ListingCodec.RequireEchoable(input.KeyMarker, "key-marker", url);
        ListingCodec.RequireEchoable(input.UploadIdMarker, "upload-id-marker", urlEncoded: false);
        var page = await store.ListMultipartUploadsAsync(bucket, new ListUploadsRequest
        {
            Prefix = prefix ?? string.Empty,
            Delimiter = string.IsNullOrEmpty(delimiter) ? null : delimiter,
            KeyMarker = string.IsNullOrEmpty(input.KeyMarker) ? null : input.KeyMarker,
            UploadIdMarker = string.IsNullOrEmpty(input.UploadIdMarker) ? null : input.UploadIdMarker,
            MaxUploads = maxUploads,
        }, cancellationToken);

        var list = new List<MultipartUpload>(page.Uploads.Count);
        foreach (var u in page.Uploads)
        {
            list.Add(new MultipartUpload
            {
                Key = ListingCodec.UrlEncode(u.Key, url),
                UploadId = u.UploadId,
                Initiated = u.Initiated,
                Initiator = new Initiator { ID = u.Owner, DisplayName = u.Owner },
                Owner = Owners.Of(u.Owner),
                StorageClass = Protocol.StorageClass.Standard,
            });
        }

        var prefixes = new List<CommonPrefix>(page.CommonPrefixes.Count);
        foreach (var p in page.CommonPrefixes)
        {
            prefixes.Add(new CommonPrefix { Prefix = ListingCodec.UrlEncode(p, url) });
        }

        return new ListMultipartUploadsResult
        {
            Bucket = bucket,
            KeyMarker = ListingCodec.UrlEncode(input.KeyMarker ?? string.Empty, url),
            UploadIdMarker = input.UploadIdMarker ?? string.Empty,
            NextKeyMarker = ListingCodec.UrlEncode(page.NextKeyMarker, url),
            NextUploadIdMarker = page.NextUploadIdMarker,
            Prefix = ListingCodec.UrlEncode(prefix ?? string.Empty, url),
            Delimiter = ListingCodec.UrlEncode(string.IsNullOrEmpty(delimiter) ? null : delimiter, url),
            MaxUploads = maxUploads,
            IsTruncated = page.IsTruncated,
            EncodingType = url ? "url" : null,
            Uploads = list,
            CommonPrefixes = prefixes,
        };
    }

    private static CompleteMultipartUploadResult CompletedResult(string location, string bucket, string key, ObjectInfo info)
    {
        var checksums = info.Metadata.Checksums;
        var result = new CompleteMultipartUploadResult
        {
            Location = location,
            Bucket = bucket,
            Key = key,
            ETag = info.ETag,
            ChecksumCRC32 = checksums.GetValueOrDefault(ChecksumNames.Crc32),
            ChecksumCRC32C = checksums.GetValueOrDefault(ChecksumNames.Crc32C),
            ChecksumCRC64NVME = checksums.GetValueOrDefault(ChecksumNames.Crc64Nvme),
            ChecksumSHA1 = checksums.GetValueOrDefault(ChecksumNames.Sha1),
            ChecksumSHA256 = checksums.GetValueOrDefault(ChecksumNames.Sha256),
            ChecksumType = ChecksumTypes.Of(checksums),
        };
        return result;
    }

    private static ChecksumSet? PartChecksums(Api.CompletedPart part)
    {
        ChecksumSet? checksums = null;
        Add(ChecksumAlgorithm.Crc32, part.ChecksumCRC32);
        Add(ChecksumAlgorithm.Crc32C, part.ChecksumCRC32C);
        Add(ChecksumAlgorithm.Crc64Nvme, part.ChecksumCRC64NVME);
        Add(ChecksumAlgorithm.Sha1, part.ChecksumSHA1);
        Add(ChecksumAlgorithm.Sha256, part.ChecksumSHA256);
        return checksums;

        void Add(ChecksumAlgorithm algorithm, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                checksums = (checksums ?? ChecksumSet.Empty).With(algorithm, value);
            }
        }
    }
}
