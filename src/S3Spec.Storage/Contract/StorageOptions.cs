namespace S3Spec.Storage.Contract;

/// <summary>Settings of the POSIX storage layer (bound from the "S3Spec" configuration section by the host).</summary>
public sealed class StorageOptions
{
    /// <summary>Directory whose top-level directories are the volumes.</summary>
    public string DataRoot { get; set; } = "./data";

    /// <summary>Octal mode for new files, e.g. "0644"; null: 0666 filtered by the process umask.</summary>
    public string? FileMode { get; set; }

    /// <summary>Octal mode for new directories, e.g. "0755"; null: 0777 filtered by the process umask.</summary>
    public string? DirectoryMode { get; set; }

    /// <summary>Owner uid for new files and directories; null: the server's user.</summary>
    public int? OwnerUid { get; set; }

    /// <summary>Owner gid for new files and directories; null: the server's group.</summary>
    public int? OwnerGid { get; set; }

    /// <summary>Largest single PutObject / CopyObject (S3: 5 GiB).</summary>
    public long MaxPutSize { get; set; } = 5L * 1024 * 1024 * 1024;

    /// <summary>Largest part (S3: 5 GiB).</summary>
    public long MaxPartSize { get; set; } = 5L * 1024 * 1024 * 1024;

    /// <summary>Largest object (the brief: 4 TB, the maximum size of a network volume).</summary>
    public long MaxObjectSize { get; set; } = 4L * 1000 * 1000 * 1000 * 1000;

    /// <summary>
    /// Parts of the stride fixed by an upload's first part are written in place into one data file per upload, so
    /// that Complete renames it instead of copying the parts (docs/storage.md "Placed parts"); false: every part is
    /// its own file.
    /// </summary>
    public bool PlacedParts { get; set; } = true;

    /// <summary>Most parts in one upload (S3: 10,000).</summary>
    public int MaxParts { get; set; } = 10_000;

    /// <summary>
    /// How long a completed upload's record is kept, so that a CompleteMultipartUpload retried (on any replica) answers
    /// the same result instead of NoSuchUpload.
    /// </summary>
    public TimeSpan CompletionRecordRetention { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Metadata store: "auto" (xattrs where the volume supports them, else sidecar), "xattr" or "sidecar".</summary>
    public string MetadataStore { get; set; } = "auto";

    /// <summary>
    /// How often (at most) the background walk corrects a volume's tracked used-bytes counter (volumes that are not
    /// their own mount and have no project quota). The first walk starts on first use. Zero or
    /// <see cref="Timeout.InfiniteTimeSpan"/>: no automatic walks (the counter then counts only this process's writes).
    /// </summary>
    public TimeSpan CapacityWalkInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Uploads whose staging folder was untouched for this many days are aborted by the sweeper; null: off.</summary>
    public int? AbandonedUploadDays { get; set; }

    /// <summary>Directories with at least this many entries keep a sorted snapshot between listing pages.</summary>
    public int ListingCacheMinEntries { get; set; } = 4096;

    /// <summary>Memory (bytes) all directory snapshots together may hold (least recently used dropped first); 0: off.</summary>
    public long ListingCacheBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>
    /// Files whose listing answer (ETag, checksums: what the describe reads beyond the stat) is kept between listings,
    /// validated by the file's stat on every use (least recently used dropped first); 0: off.
    /// </summary>
    public int ListingDescribeCacheEntries { get; set; } = 100_000;

    /// <summary>
    /// A snapshot is kept only for a directory whose last change (mtime, ctime) is at least this old when the read
    /// begins: it must exceed the filesystem's timestamp granularity plus any clock difference to a file server plus
    /// how long its client may serve cached directory contents. Null (the default): per filesystem kind,
    /// <see cref="ListingCacheSettleTimes"/>; set: for every volume.
    /// </summary>
    public TimeSpan? ListingCacheSettleTime { get; set; }

    /// <summary>
    /// The settle time of each filesystem kind ("local", "fuse", "nfs", "cephfs", "other"), probed per volume by
    /// fstatfs; see <see cref="DefaultSettleTimes"/> and the filesystems table in deploy/kubernetes/README.md.
    /// </summary>
    public Dictionary<string, TimeSpan> ListingCacheSettleTimes { get; set; } = new(DefaultSettleTimes, StringComparer.OrdinalIgnoreCase);

    /// <summary>The default settle time of each filesystem kind.</summary>
    public static IReadOnlyDictionary<string, TimeSpan> DefaultSettleTimes { get; } = new Dictionary<string, TimeSpan>(StringComparer.OrdinalIgnoreCase)
    {
        ["local"] = TimeSpan.FromSeconds(2),
        ["fuse"] = TimeSpan.FromSeconds(5),
        ["cephfs"] = TimeSpan.FromSeconds(5),
        ["nfs"] = TimeSpan.FromSeconds(65),
        ["other"] = TimeSpan.FromSeconds(65),
    };

    /// <summary>
    /// Directories with at least this many entries keep a persistent sorted index under the data root's state folder
    /// (validated before each use, rebuilt in the background after changes); 0: off.
    /// </summary>
    public int ListingIndexMinEntries { get; set; } = 10_000;

    /// <summary>
    /// Test seam (not bound from configuration): confine object paths by the component walk that kernels without
    /// openat2 get, as if openat2 answered ENOSYS. Per store.
    /// </summary>
    internal bool ForceConfinementFallback { get; set; }

    /// <summary>Test seam (not bound from configuration): publish If-None-Match writes as if renameat2 were refused (linkat fallback). Per store.</summary>
    internal bool ForceLinkFallback { get; set; }
}
