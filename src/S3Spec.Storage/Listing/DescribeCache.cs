using Microsoft.Win32.SafeHandles;
using S3Spec.Posix;
using S3Spec.Storage.Contract;

namespace S3Spec.Storage.Listing;

/// <summary>
/// What a listing's describe of a file read beyond its stat (the ETag and checksums from the file's xattr record, or
/// that it has none), keyed by the file's (device, inode) and valid only for the stamp (size, mtime ns, ctime ns) it
/// was read under, so that a warm listing costs one statx per key instead of open, fstat, xattr read and close.
/// Any write, truncation, xattr change, chmod or utimensat moves the file's ctime, and an entry is stored only when
/// the file's last change was already settled (older than the settle time of its filesystem) when the stamp was taken,
/// so a change in the same timestamp tick cannot hide behind an unchanged stamp. Bounded by
/// <see cref="StorageOptions.ListingDescribeCacheEntries"/> (least recently used dropped first). See docs/storage.md,
/// "Describe cache".
/// </summary>
internal sealed class DescribeCache(StorageOptions options, TimeProvider time)
{
    private readonly Lock gate = new();
    private readonly Dictionary<(ulong Dev, ulong Ino), LinkedListNode<Entry>> map = [];
    private readonly LinkedList<Entry> lru = new();
    private readonly ListingSettleTimes settleTimes = new(options);
    private long hits;

    public bool Enabled => options.ListingDescribeCacheEntries > 0;

    /// <summary>Entries held (test seam).</summary>
    public int Count
    {
        get
        {
            lock (gate)
            {
                return map.Count;
            }
        }
    }

    /// <summary>Answers given from the cache (test seam).</summary>
    public long Hits => Interlocked.Read(ref hits);

    /// <summary>This process's clock, read before the stat that a later <see cref="Qualifies"/> names.</summary>
    public DateTimeOffset Now() => time.GetUtcNow();

    /// <summary>
    /// The cached answer for the file in the state <paramref name="st"/>; an answer that found no xattr record is
    /// not used where the volume's reads consult sidecars (<paramref name="readsSidecars"/>): a sidecar may hold one.
    /// </summary>
    public bool TryGet(in StatxBuffer st, bool readsSidecars, out Described described)
    {
        var stamp = DirStamp.Of(st);
        lock (gate)
        {
            if (map.TryGetValue((stamp.Dev, stamp.Ino), out var node))
            {
                if (node.Value.Stamp == stamp && (node.Value.Described.InXattr || !readsSidecars))
                {
                    lru.Remove(node);
                    lru.AddFirst(node);
                    described = node.Value.Described;
                    hits++;
                    return true;
                }

                Drop(node);
            }
        }

        described = default;
        return false;
    }

    /// <summary>
    /// True when what was read through the opened file (stat <paramref name="opened"/>) may be stored: it is the file the
    /// name named (<paramref name="named"/>, taken after the clock read <paramref name="before"/>) and its last change
    /// was settled by then. Otherwise nothing is stored (the next listing reads the file again).
    /// </summary>
    public bool Qualifies(SafeFileHandle dir, in StatxBuffer named, in StatxBuffer opened, DateTimeOffset before)
    {
        var stamp = DirStamp.Of(opened);
        return stamp == DirStamp.Of(named) && DirSnapshotCache.IsSettled(stamp, before, settleTimes.For(dir, stamp.Dev));
    }

    /// <summary>Stores the answer for the file in the state <paramref name="opened"/> (one that <see cref="Qualifies"/>).</summary>
    public void Add(in StatxBuffer opened, Described described)
    {
        var stamp = DirStamp.Of(opened);
        lock (gate)
        {
            if (map.TryGetValue((stamp.Dev, stamp.Ino), out var old))
            {
                Drop(old);
            }

            while (map.Count >= options.ListingDescribeCacheEntries && lru.Last is { } last)
            {
                Drop(last);
            }

            map[(stamp.Dev, stamp.Ino)] = lru.AddFirst(new Entry(stamp, described));
        }
    }

    private void Drop(LinkedListNode<Entry> node)
    {
        lru.Remove(node);
        map.Remove((node.Value.Stamp.Dev, node.Value.Stamp.Ino));
    }

    private sealed record Entry(DirStamp Stamp, Described Described);
}

/// <summary>
/// A file's listing answer beyond its stat: the quoted ETag, the metadata a listing entry shows (only the checksums),
/// and whether it came from the file's own xattr record (false: no record was found).
/// </summary>
internal readonly record struct Described(string ETag, ObjectMetadata Metadata, bool InXattr);
