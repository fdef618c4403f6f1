using S3Spec.Core.Checksums;

namespace S3Spec.Storage.Contract;

// Records of the storage contract: volumes and objects.

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

    /// <summary>Checksums verified while writing (e.g. CRC32 → base64 value).</summary>
    public ChecksumSet Checksums { get; init; } = ChecksumSet.Empty;
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
    /// object. Null when the request carried none.
    /// </summary>
    public Func<ChecksumSet>? VerifiedChecksums { get; init; }

    /// <summary>Conditional write: "*" publishes only when the key does not exist (atomically); PreconditionFailed otherwise.</summary>
    public string? IfNoneMatch { get; init; }

    /// <summary>Conditional write: publishes only when the current object's ETag matches (checked atomically with the publish).</summary>
    public string? IfMatch { get; init; }
}

/// <summary>
/// A volume's capacity. <see cref="Exact"/> is true when the numbers come from the filesystem (the volume is its own
/// mount or has a project quota) and false when they come from the tracked counter (files written by other programs
/// count only after the next correcting walk).
/// </summary>
public sealed record VolumeUsage(string Volume, long? QuotaBytes, long UsedBytes, long FreeBytes, bool Exact);

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
