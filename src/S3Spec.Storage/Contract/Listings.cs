using S3Spec.Core.Checksums;

namespace S3Spec.Storage.Contract;

// Records of the storage contract: ListObjects.

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
    /// <summary>The object's stored checksums, as HEAD returns them; empty when it has none.</summary>
    public ChecksumSet Checksums { get; init; } = ChecksumSet.Empty;
}

public sealed record ListObjectsPage
{
    public required IReadOnlyList<ListEntry> Objects { get; init; }
    public required IReadOnlyList<string> CommonPrefixes { get; init; }
    public required bool IsTruncated { get; init; }

    /// <summary>The last key or common prefix returned (the resume point); null when nothing was returned.</summary>
    public string? LastReturned { get; init; }
}
