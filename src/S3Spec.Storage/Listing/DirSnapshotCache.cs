using Microsoft.Win32.SafeHandles;
using S3Spec.Posix;
using S3Spec.Storage.Contract;
using S3Spec.Storage.Posix;

namespace S3Spec.Storage.Listing;

/// <summary>
/// Sorted snapshots of large directories, keyed by (device, inode), checked on every use against the directory's
/// fstat (mtime, ctime, size) and LRU-evicted within a byte budget. A snapshot is kept only when the directory was
/// already settled when the read began (its mtime and ctime older than the settle time of its filesystem, <see cref="ListingSettleTimes"/>,
/// by this process's clock) and did not change during the read, so a change in the same timestamp tick as the
/// snapshot can never hide behind an unchanged mtime. Behind it, the persistent <see cref="ListingIndex"/>.
/// See docs/storage.md, "Listing".
/// </summary>
internal sealed class DirSnapshotCache(StorageOptions options, TimeProvider time, ListingIndex? index = null)
{
    private readonly Lock gate = new();
    private readonly Dictionary<(ulong Dev, ulong Ino), LinkedListNode<Entry>> map = [];
    private readonly LinkedList<Entry> lru = new();
    private readonly ListingSettleTimes settleTimes = new(options);
    private long bytes;

    /// <summary>The persistent indexes behind the snapshots (null: none).</summary>
    public ListingIndex? Index => index;

    /// <summary>Snapshots held (test seam).</summary>
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

    /// <summary>Bytes held (test seam).</summary>
    public long Bytes
    {
        get
        {
            lock (gate)
            {
                return bytes;
            }
        }
    }

    /// <summary>True when a snapshot of that directory state is held (test seam).</summary>
    public bool Holds(DirStamp stamp)
    {
        lock (gate)
        {
            return map.TryGetValue((stamp.Dev, stamp.Ino), out var node) && node.Value.Stamp == stamp;
        }
    }

    /// <summary>
    /// The directory's sorted entries: the cached snapshot when it is still valid, else the persistent index of
    /// volume <paramref name="indexScope"/> when it is valid (<see cref="ListingIndex"/>; null: none), else a fresh
    /// read (whole and kept when the directory qualifies, else only the entries <paramref name="filter"/> keeps).
    /// A directory large enough for an index whose index could not be used gets one written (from the whole read) or
    /// rebuilt (once it settles) in the background.
    /// </summary>
    public IDirEntries Get(SafeFileHandle dir, Action? invalidName, SnapshotFilter filter, string? indexScope = null)
    {
        var now = time.GetUtcNow();
        var scope = index is { Enabled: true } ? indexScope : null;
        if ((options.ListingCacheBytes <= 0 && scope is null) || Fs.TryFstat(dir, out var before) != 0)
        {
            return DirSnapshotBuilder.Read(dir, invalidName, filter, null);
        }

        var stamp = DirStamp.Of(before);
        lock (gate)
        {
            if (map.TryGetValue((stamp.Dev, stamp.Ino), out var node))
            {
                if (node.Value.Stamp == stamp)
                {
                    lru.Remove(node);
                    lru.AddFirst(node);
                    return node.Value.Snapshot;
                }

                Drop(node);
            }
        }

        var settle = settleTimes.For(dir, stamp.Dev);
        if (scope is not null && index!.TryOpen(scope, stamp, now, settle, out _) is { } persisted)
        {
            return persisted;
        }

        var settled = IsSettled(stamp, now, settle);
        var seen = 0;
        var keep = false;
        var persist = false;
        var snapshot = DirSnapshotBuilder.Read(dir, invalidName, filter, (count, size) =>
        {
            seen = count;
            keep = options.ListingCacheBytes > 0 && count >= options.ListingCacheMinEntries && size <= options.ListingCacheBytes;
            persist = scope is not null && count >= index!.MinEntries;
            return settled && (keep || persist) && Fs.TryFstat(dir, out var after) == 0 && DirStamp.Of(after) == stamp;
        });
        if (snapshot.Whole)
        {
            if (keep)
            {
                Add(stamp, snapshot);
            }

            if (persist)
            {
                index!.Save(scope!, stamp, snapshot);
            }
        }
        else if (scope is not null && seen >= index!.MinEntries)
        {
            if (Fs.TryOpenAt(dir, ".", Libc.O_RDONLY | Libc.O_DIRECTORY, 0, out var own) == 0)
            {
                index.Rebuild(scope, own!, stamp, settle);
            }
        }

        return snapshot;
    }

    /// <summary>
    /// True when any later change to the directory must get a timestamp different from the stamp's: the stamp (the
    /// later of mtime and ctime) lies at least <paramref name="settle"/> before <paramref name="readStart"/>.
    /// </summary>
    public static bool IsSettled(DirStamp stamp, DateTimeOffset readStart, TimeSpan settle)
    {
        var readStartNs = (readStart.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100;
        return readStartNs - Math.Max(stamp.MtimeNs, stamp.CtimeNs) >= settle.Ticks * 100;
    }

    private void Add(DirStamp stamp, DirSnapshot snapshot)
    {
        lock (gate)
        {
            if (map.TryGetValue((stamp.Dev, stamp.Ino), out var old))
            {
                Drop(old);
            }

            while (bytes + snapshot.Bytes > options.ListingCacheBytes && lru.Last is { } last)
            {
                Drop(last);
            }

            var node = lru.AddFirst(new Entry(stamp, snapshot));
            map[(stamp.Dev, stamp.Ino)] = node;
            bytes += snapshot.Bytes;
        }
    }

    private void Drop(LinkedListNode<Entry> node)
    {
        lru.Remove(node);
        map.Remove((node.Value.Stamp.Dev, node.Value.Stamp.Ino));
        bytes -= node.Value.Snapshot.Bytes;
    }

    private sealed record Entry(DirStamp Stamp, DirSnapshot Snapshot);
}

/// <summary>What identifies one state of a directory: device, inode, mtime, ctime (ns) and size.</summary>
internal readonly record struct DirStamp(ulong Dev, ulong Ino, long MtimeNs, long CtimeNs, ulong Size)
{
    public static DirStamp Of(in StatxBuffer st) => new(st.Dev, st.Ino, st.MtimeNs, st.CtimeNs, st.Size);
}
