using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using S3Spec.Core.Checksums;
using S3Spec.Core.Errors;
using S3Spec.Server.Api;
using S3Spec.Server.Hosting;
using S3Spec.Storage;
using CompletedPart = S3Spec.Storage.CompletedPart;

namespace S3Spec.Server.Handlers;

/// <summary>Multipart uploads: parts are staged in the volume's .s3compat_uploads folder until Complete or Abort.</summary>
internal sealed class MultipartHandler(IObjectStore store, ObjectWriteRequest writeRequest, KeepAliveResponder keepAlive) : MultipartControllerBase
{
    public override async Task<ActionResult<InitiateMultipartUploadResult>> CreateMultipartUpload(
        string bucket, string key, string uploads, string x_amz_checksum_algorithm, string x_amz_checksum_type, CancellationToken cancellationToken)
    {
        if (!ListingCodec.IsXmlSafe(key))
        {
            throw new S3Exception(S3Errors.InvalidArgument, "The key contains characters XML 1.0 cannot carry; the multipart upload's XML answers could not name it (use PutObject).");
        }

        var checksum = UploadChecksum.Parse(x_amz_checksum_algorithm, x_amz_checksum_type);
        var options = writeRequest.Options(HttpContext);
        var upload = await store.CreateMultipartUploadAsync(bucket, key, options.Metadata, HttpContext.AccessKey().AccessKeyId, checksum, cancellationToken);
        if (upload.Checksum is { } declared)
        {
            Response.Headers["x-amz-checksum-algorithm"] = declared.Algorithm;
            Response.Headers["x-amz-checksum-type"] = declared.Type;
        }

        return new InitiateMultipartUploadResult { Bucket = bucket, Key = key, UploadId = upload.UploadId };
    }

    public override async Task<IActionResult> UploadPart(
        string bucket, string key, string partNumber, string uploadId, string content_MD5, Stream body, CancellationToken cancellationToken)
    {
        var number = ParsePartNumber(partNumber);
        var options = writeRequest.Options(HttpContext, withMetadata: false);
        var part = await store.UploadPartAsync(bucket, key, uploadId, number, body, options, cancellationToken);
        Response.Headers.ETag = part.ETag;
        writeRequest.EchoChecksums(HttpContext);
        return Ok();
    }

    public override async Task<ActionResult<ListPartsResult>> ListParts(
        string bucket, string key, string uploadId, string max_parts, string part_number_marker, CancellationToken cancellationToken)
    {
        var maxParts = ListingCodec.ParseMax(max_parts, "max-parts", 1000);
        var marker = string.IsNullOrEmpty(part_number_marker) ? 0 : ParseMarker(part_number_marker);
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
            StorageClass = "STANDARD",
            PartNumberMarker = marker,
            NextPartNumberMarker = page.NextPartNumberMarker,
            MaxParts = maxParts,
            IsTruncated = page.IsTruncated,
            Parts = parts,
        };
    }

    public override async Task<ActionResult<CopyPartResult>> UploadPartCopy(
        string bucket, string key, string partNumber, string uploadId, string x_amz_copy_source, string x_amz_copy_source_range,
        string x_amz_copy_source_if_match, string x_amz_copy_source_if_none_match, string x_amz_copy_source_if_modified_since,
        string x_amz_copy_source_if_unmodified_since, CancellationToken cancellationToken)
    {
        var number = ParsePartNumber(partNumber);
        var source = CopySource.Parse(x_amz_copy_source);
        if (!HttpContext.AccessKey().MayUse(source.Bucket))
        {
            throw new S3Exception(S3Errors.AccessDenied);
        }

        var part = await store.UploadPartCopyAsync(new UploadPartCopyRequest
        {
            SourceVolume = source.Bucket,
            SourceKey = source.Key,
            Volume = bucket,
            Key = key,
            UploadId = uploadId,
            PartNumber = number,
            Range = CopySourceRange.Parse(x_amz_copy_source_range),
            CheckSource = info =>
            {
                if (Preconditions.Evaluate(info.ETag, info.LastModified, x_amz_copy_source_if_match, x_amz_copy_source_if_none_match,
                        x_amz_copy_source_if_modified_since, x_amz_copy_source_if_unmodified_since, isRead: true) != PreconditionOutcome.Proceed)
                {
                    throw new S3Exception(S3Errors.PreconditionFailed);
                }
            },
        }, cancellationToken);
        return new CopyPartResult { ETag = part.ETag, LastModified = part.LastModified };
    }

    public override async Task<ActionResult<CompleteMultipartUploadResult>> CompleteMultipartUpload(
        string bucket, string key, string uploadId, string if_None_Match, string if_Match, string x_amz_checksum_type, CompleteMultipartUpload body, CancellationToken cancellationToken)
    {
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
            IfNoneMatch = string.IsNullOrEmpty(if_None_Match) ? null : if_None_Match,
            IfMatch = string.IsNullOrEmpty(if_Match) ? null : if_Match,
            ExpectedChecksums = ChecksumHeaders.Read(Request.Headers),
            ChecksumType = string.IsNullOrEmpty(x_amz_checksum_type) ? null : x_amz_checksum_type,
        };
        var location = $"{Request.Scheme}://{Request.Host}/{Uri.EscapeDataString(bucket)}/{ListingCodec.UrlEncode(key, true)}";
        var completion = store.CompleteMultipartUploadAsync(bucket, key, uploadId, parts, options, cancellationToken);
        return await keepAlive.RespondAsync(HttpContext, completion, info => CompletedResult(location, bucket, key, info));
    }

    public override async Task<IActionResult> AbortMultipartUpload(string bucket, string key, string uploadId, CancellationToken cancellationToken)
    {
        await store.AbortMultipartUploadAsync(bucket, key, uploadId, cancellationToken);
        return NoContent();
    }

    public override async Task<ActionResult<ListMultipartUploadsResult>> ListMultipartUploads(
        string bucket, string uploads, string prefix, string delimiter, string key_marker, string upload_id_marker, string max_uploads,
        string encoding_type, CancellationToken cancellationToken)
    {
        var url = ListingCodec.ParseEncodingType(encoding_type);
        var maxUploads = ListingCodec.ParseMax(max_uploads, "max-uploads", 1000);
        ListingCodec.RequireEchoable(prefix, "prefix", url);
        ListingCodec.RequireEchoable(delimiter, "delimiter", url);
        ListingCodec.RequireEchoable(key_marker, "key-marker", url);
        ListingCodec.RequireEchoable(upload_id_marker, "upload-id-marker", urlEncoded: false);
        var page = await store.ListMultipartUploadsAsync(bucket, new ListUploadsRequest
        {
            Prefix = prefix ?? string.Empty,
            Delimiter = string.IsNullOrEmpty(delimiter) ? null : delimiter,
            KeyMarker = string.IsNullOrEmpty(key_marker) ? null : key_marker,
            UploadIdMarker = string.IsNullOrEmpty(upload_id_marker) ? null : upload_id_marker,
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
                StorageClass = "STANDARD",
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
            KeyMarker = ListingCodec.UrlEncode(key_marker ?? string.Empty, url),
            UploadIdMarker = upload_id_marker ?? string.Empty,
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

    private static int ParsePartNumber(string value)
    {
        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1 || n > 10_000)
        {
            throw new S3Exception(S3Errors.InvalidArgument, "Part number must be an integer between 1 and 10000, inclusive.");
        }

        return n;
    }

    private static int ParseMarker(string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new S3Exception(S3Errors.InvalidArgument, "Provided part-number-marker not an integer or within integer range.");
}
