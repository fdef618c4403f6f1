using S3Spec.Core.Checksums;

namespace S3Spec.Storage;

/// <summary>
/// The storage backend the handlers call: one method per S3 operation, in S3 terms (volume, key, upload id),
/// never HTTP. Every failure is an <see cref="S3Spec.Core.Errors.S3Exception"/> from the error table; filesystem
/// exceptions never escape an implementation. Keys arrive decoded (UTF-8 strings); the implementation validates
/// them as file paths (see <see cref="ObjectKey"/>).
/// </summary>
public interface IObjectStore
{
    /// <summary>Volumes (top-level directories with valid bucket names), sorted by name.</summary>
    IReadOnlyList<VolumeInfo> ListVolumes();

    /// <summary>The volume, or null when it does not exist.</summary>
    VolumeInfo? GetVolume(string volume);

    /// <summary>Metadata of the object (HEAD). NoSuchKey when absent. A directory key ("a/") that exists answers an empty object.</summary>
    Task<ObjectInfo> HeadObjectAsync(string volume, string key, CancellationToken cancellationToken);

    /// <summary>Opens the object for reading; the info describes exactly the opened file.</summary>
    Task<IObjectReader> OpenObjectAsync(string volume, string key, CancellationToken cancellationToken);

    /// <summary>Streams <paramref name="body"/> into a temporary file, verifies, fsyncs and atomically publishes it.</summary>
    Task<ObjectInfo> PutObjectAsync(string volume, string key, Stream body, PutObjectOptions options, CancellationToken cancellationToken);

    /// <summary>Idempotent: a missing key is not an error.</summary>
    Task DeleteObjectAsync(string volume, string key, CancellationToken cancellationToken);

    Task<ObjectInfo> CopyObjectAsync(CopyObjectRequest request, CancellationToken cancellationToken);

    Task<ListObjectsPage> ListObjectsAsync(string volume, ListObjectsRequest request, CancellationToken cancellationToken);

    /// <summary>Starts an upload; <paramref name="checksum"/>: the object checksum it declares (null: none, inferred at Complete).</summary>
    Task<MultipartUploadInfo> CreateMultipartUploadAsync(string volume, string key, ObjectMetadata metadata, string owner, UploadChecksum? checksum, CancellationToken cancellationToken);

    /// <summary>Stages one part; answers its info (ETag = MD5 of the part).</summary>
    Task<PartInfo> UploadPartAsync(string volume, string key, string uploadId, int partNumber, Stream body, PutObjectOptions options, CancellationToken cancellationToken);

    Task<ListPartsPage> ListPartsAsync(string volume, string key, string uploadId, int partNumberMarker, int maxParts, CancellationToken cancellationToken);

    Task<ListUploadsPage> ListMultipartUploadsAsync(string volume, ListUploadsRequest request, CancellationToken cancellationToken);

    /// <summary>Assembles the parts. <paramref name="options"/> carries the conditional write headers and the requested full-object checksum.</summary>
    Task<ObjectInfo> CompleteMultipartUploadAsync(string volume, string key, string uploadId, IReadOnlyList<CompletedPart> parts, CompleteOptions options, CancellationToken cancellationToken);

    Task AbortMultipartUploadAsync(string volume, string key, string uploadId, CancellationToken cancellationToken);

    /// <summary>The upload's record (owner and key), NoSuchUpload when absent. Used to check that a key may touch an upload.</summary>
    Task<MultipartUploadInfo> GetMultipartUploadAsync(string volume, string key, string uploadId, CancellationToken cancellationToken);

    /// <summary>UploadPartCopy: stages a part copied (in the kernel where possible) from a range of an existing object.</summary>
    Task<PartInfo> UploadPartCopyAsync(UploadPartCopyRequest request, CancellationToken cancellationToken);

    /// <summary>Capacity of a volume: its quota (or the filesystem's size), bytes used and free, and how exact that is.</summary>
    VolumeUsage GetVolumeUsage(string volume);

    /// <summary>
    /// Recovery after a crash, at start and then periodically: in every volume's staging folder, removes temp files
    /// whose writer is gone (of any replica) and returns completes that a dead process left claimed. Never walks a volume.
    /// </summary>
    Task RecoverAsync(CancellationToken cancellationToken);

    /// <summary>Aborts uploads of every volume untouched for longer than <paramref name="olderThan"/> (one sweeper at a time, also across replicas). Returns how many.</summary>
    Task<int> AbortStaleUploadsAsync(TimeSpan olderThan, CancellationToken cancellationToken);

    /// <summary>Operator command: computes and stores true MD5 ETags for a volume's files written outside the API (throttled, resumable, one runner at a time).</summary>
    Task<HashReport> HashExternalObjectsAsync(string volume, HashOptions options, CancellationToken cancellationToken);
}

public sealed record VolumeInfo(string Name, DateTimeOffset CreationDate);

/// <summary>Content headers and user metadata stored with an object.</summary>
public sealed record ObjectMetadata
{
    public static readonly ObjectMetadata Empty = new();

    public string? ContentType { get; init; }
    public string? ContentEncoding { get; init; }
    public string? ContentDisposition { get; init; }
    public string? ContentLanguage { get; init; }
    public string? CacheControl { get; init; }
    public string? Expires { get; init; }

    /// <summary>x-amz-meta-* entries, names lower-case without the prefix.</summary>
    public IReadOnlyDictionary<string, string> User { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Checksums computed while writing (algorithm name upper-case, e.g. CRC32 → base64 value).</summary>
    public IReadOnlyDictionary<string, string> Checksums { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);
}

public sealed record ObjectInfo
{
    public required string Key { get; init; }
    public required long Size { get; init; }
    public required DateTimeOffset LastModified { get; init; }

    /// <summary>Quoted ETag as sent on the wire, e.g. "\"9b2cf535f27731c974343645a3985328\"".</summary>
    public required string ETag { get; init; }

    public ObjectMetadata Metadata { get; init; } = ObjectMetadata.Empty;

    /// <summary>True for a directory key ("dir/") answered as an empty object.</summary>
    public bool IsDirectory { get; init; }
}

/// <summary>An opened object. Disposing closes the file.</summary>
public interface IObjectReader : IAsyncDisposable, IDisposable
{
    ObjectInfo Info { get; }

    /// <summary>Copies <paramref name="length"/> bytes starting at <paramref name="offset"/> to <paramref name="destination"/> with pooled buffers.</summary>
    Task CopyToAsync(Stream destination, long offset, long length, CancellationToken cancellationToken);

    /// <summary>
    /// Reads <paramref name="length"/> bytes starting at <paramref name="offset"/> straight into the writer's buffers
    /// (no intermediate copy); the next read overlaps the transmission of the previous one until the writer applies
    /// back-pressure.
    /// </summary>
    Task CopyToAsync(System.IO.Pipelines.PipeWriter destination, long offset, long length, CancellationToken cancellationToken);
}

public sealed record PutObjectOptions
{
    public static readonly PutObjectOptions Default = new();

    public ObjectMetadata Metadata { get; init; } = ObjectMetadata.Empty;

    /// <summary>Declared length of the decoded body, when known (refuses early and detects truncation).</summary>
    public long? ContentLength { get; init; }

    /// <summary>Decoded Content-MD5 (16 bytes): BadDigest when the body's MD5 differs; nothing is published.</summary>
    public ReadOnlyMemory<byte>? ContentMd5 { get; init; }

    /// <summary>
    /// Checksums the request's body stream verified, read by the store after the body's end and stored with the
    /// object (algorithm upper-case → base64). Null when the request carried none.
    /// </summary>
    public Func<IReadOnlyDictionary<string, string>>? VerifiedChecksums { get; init; }

    /// <summary>Conditional write: "*" publishes only when the key does not exist (atomically); PreconditionFailed otherwise.</summary>
    public string? IfNoneMatch { get; init; }

    /// <summary>Conditional write: publishes only when the current object's ETag matches (checked atomically with the publish).</summary>
    public string? IfMatch { get; init; }
}

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

/// <summary>
/// A volume's capacity. <see cref="Exact"/> is true when the numbers come from the filesystem (the volume is its own
/// mount or has a project quota) and false when they come from the tracked counter (files written by other programs
/// count only after the next correcting walk).
/// </summary>
public sealed record VolumeUsage(string Volume, long? QuotaBytes, long UsedBytes, long FreeBytes, bool Exact);

public sealed record HashOptions
{
    /// <summary>Most bytes hashed per second (throttle); null: unthrottled.</summary>
    public long? BytesPerSecond { get; init; }
}

public sealed record HashReport(int Hashed, int AlreadyKnown, int Skipped, bool Resumed);

public sealed record CopyObjectRequest
{
    public required string SourceVolume { get; init; }
    public required string SourceKey { get; init; }
    public required string DestinationVolume { get; init; }
    public required string DestinationKey { get; init; }

    /// <summary>Null: COPY the source's metadata; otherwise REPLACE with this.</summary>
    public ObjectMetadata? ReplaceMetadata { get; init; }

    /// <summary>Evaluated against the opened source before copying (x-amz-copy-source-if-*); throws PreconditionFailed.</summary>
    public Action<ObjectInfo>? CheckSource { get; init; }

    /// <summary>Conditional write on the destination (see <see cref="PutObjectOptions.IfNoneMatch"/>).</summary>
    public string? IfNoneMatch { get; init; }

    public string? IfMatch { get; init; }
}

public sealed record ListObjectsRequest
{
    public string Prefix { get; init; } = "";
    public string? Delimiter { get; init; }

    /// <summary>Exclusive lower bound: only keys (and common prefixes) sorting after it are returned.</summary>
    public string? StartAfter { get; init; }

    public int MaxKeys { get; init; } = 1000;

    /// <summary>
    /// Keys and common prefixes the caller can return (null: all). Others are passed over: not returned, not counted
    /// against MaxKeys, never the resume point.
    /// </summary>
    public Func<string, bool>? Returnable { get; init; }
}

public sealed record ListEntry(string Key, long Size, DateTimeOffset LastModified, string ETag)
{
    /// <summary>The object's stored checksums (algorithm upper-case → base64), as HEAD returns them; empty when it has none.</summary>
    public IReadOnlyDictionary<string, string> Checksums { get; init; } = ObjectMetadata.Empty.Checksums;
}

public sealed record ListObjectsPage
{
    public required IReadOnlyList<ListEntry> Objects { get; init; }
    public required IReadOnlyList<string> CommonPrefixes { get; init; }
    public required bool IsTruncated { get; init; }

    /// <summary>The last key or common prefix returned (the resume point); null when nothing was returned.</summary>
    public string? LastReturned { get; init; }
}

public sealed record MultipartUploadInfo(string Key, string UploadId, DateTimeOffset Initiated, string Owner, ObjectMetadata Metadata)
{
    /// <summary>The object checksum declared at Create (x-amz-checksum-algorithm/-type), null when none was.</summary>
    public UploadChecksum? Checksum { get; init; }
}

public sealed record PartInfo(int PartNumber, long Size, DateTimeOffset LastModified, string ETag)
{
    /// <summary>Checksums stored with the part (algorithm upper-case → base64), null when it carries none.</summary>
    public IReadOnlyDictionary<string, string>? Checksums { get; init; }
}

/// <summary>A part named in CompleteMultipartUpload, with the checksum the client expects for it (algorithm upper-case → base64), if any.</summary>
public sealed record CompletedPart(int PartNumber, string ETag)
{
    public IReadOnlyDictionary<string, string>? Checksums { get; init; }
}

public sealed record CompleteOptions
{
    public static readonly CompleteOptions None = new();

    public string? IfNoneMatch { get; init; }

    public string? IfMatch { get; init; }

    /// <summary>x-amz-checksum-&lt;alg&gt; of the whole object, when the client sent one (verified: BadDigest).</summary>
    public IReadOnlyDictionary<string, string>? ExpectedChecksums { get; init; }

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
