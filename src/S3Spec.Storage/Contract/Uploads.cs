using S3Spec.Core.Checksums;

namespace S3Spec.Storage.Contract;

// Records of the storage contract: multipart uploads.

public sealed record UploadPartCopyRequest
{
    public required string SourceVolume { get; init; }
    public required string SourceKey { get; init; }
    public required string Volume { get; init; }
    public required string Key { get; init; }
    public required string UploadId { get; init; }
    public required int PartNumber { get; init; }

    /// <summary>Inclusive first and last byte of the source (x-amz-copy-source-range); null copies the whole source.</summary>
    public (long First, long Last)? Range { get; init; }

    /// <summary>Evaluated against the opened source (x-amz-copy-source-if-*); throws PreconditionFailed.</summary>
    public Action<ObjectInfo>? CheckSource { get; init; }
}

public sealed record MultipartUploadInfo(string Key, string UploadId, DateTimeOffset Initiated, string Owner, ObjectMetadata Metadata)
{
    /// <summary>The object checksum declared at Create (x-amz-checksum-algorithm/-type), null when none was.</summary>
    public UploadChecksum? Checksum { get; init; }
}

public sealed record PartInfo(int PartNumber, long Size, DateTimeOffset LastModified, string ETag)
{
    /// <summary>Checksums stored with the part, null when it carries none.</summary>
    public ChecksumSet? Checksums { get; init; }
}

/// <summary>A part named in CompleteMultipartUpload, with the checksums the client expects for it, if any.</summary>
public sealed record CompletedPart(int PartNumber, string ETag)
{
    public ChecksumSet? Checksums { get; init; }
}

public sealed record CompleteOptions
{
    public static readonly CompleteOptions None = new();

    public string? IfNoneMatch { get; init; }

    public string? IfMatch { get; init; }

    /// <summary>x-amz-checksum-&lt;alg&gt; of the whole object, when the client sent one (verified: BadDigest).</summary>
    public ChecksumSet? ExpectedChecksums { get; init; }

    /// <summary>x-amz-checksum-type of the Complete request (COMPOSITE or FULL_OBJECT): must be the upload's declared type.</summary>
    public string? ChecksumType { get; init; }
}

public sealed record ListPartsPage(IReadOnlyList<PartInfo> Parts, bool IsTruncated, int NextPartNumberMarker);

public sealed record ListUploadsRequest
{
    public string Prefix { get; init; } = "";
    public string? Delimiter { get; init; }
    public string? KeyMarker { get; init; }
    public string? UploadIdMarker { get; init; }
    public int MaxUploads { get; init; } = 1000;
}

public sealed record ListUploadsPage(
    IReadOnlyList<MultipartUploadInfo> Uploads,
    IReadOnlyList<string> CommonPrefixes,
    bool IsTruncated,
    string? NextKeyMarker,
    string? NextUploadIdMarker);
