using System.Text;
using Microsoft.Extensions.Logging;
using S3Spec.Storage.Metadata;
using S3Spec.Posix;
using S3Spec.Storage.Contract;
using S3Spec.Storage.Posix;

namespace S3Spec.Storage.Listing;

/// <summary>
/// Yields the keys of a volume subtree in UTF-8 byte order without walking more than it returns: each directory
/// is read once (names and d_type only) into a sorted <see cref="DirSnapshot"/> (subdirectories as "name/"; large,
/// settled directories come from the <see cref="DirSnapshotCache"/> or their persistent index) and narrowed to the prefix and the start-after
/// bound by binary search. Subtrees that sort entirely before the bound are never opened; <see cref="Skip"/>
/// drops everything under a common prefix already returned. Only the entries it yields (and the next few file
/// entries, described ahead in parallel) are opened.
/// </summary>
internal sealed partial class ListWalker(
    Volume vol, MetadataStore metadata, DirSnapshotCache snapshots, DescribeCache describes, string? startAfter, bool collapseStartDirectories, bool useIndex, ILogger logger) : IDisposable
{
    private const int MaxBatch = 128;
    private readonly Stack<ListFrame> stack = new();

    /// <summary>Keys starting with this prefix are skipped (a common prefix that was just returned).</summary>
    public string? Skip { get; set; }

    /// <summary>How many more items the caller may take: bounds how far ahead entries are described.</summary>
    public int Wanted { get; set; } = MaxBatch;

    public void Push(ListFrame frame) => stack.Push(frame);

    public bool TryNext(out WalkItem item)
    {
        while (stack.Count > 0)
        {
            var f = stack.Peek();
            if (f.Entries is null && Load(f, out var self))
            {
                stack.Pop().Dispose();
                item = self;
                return true;
            }

            if (f.Index >= f.End)
            {
                stack.Pop().Dispose();
                continue;
            }

            var i = f.Index++;
            var entries = f.Entries!;
            var sortKey = entries.SortKeyString(i);
            var isDir = entries.Type(i) == Libc.DT_DIR;
            if (IsReserved(f, sortKey, isDir))
            {
                continue;
            }

            var key = f.KeyPrefix + sortKey;
            if (Skip is not null && key.StartsWith(Skip, StringComparison.Ordinal))
            {
                continue;
            }

            if (isDir)
            {
                if (f.IsStart && collapseStartDirectories && (startAfter is null || !startAfter.StartsWith(key, StringComparison.Ordinal) || startAfter == key))
                {
                    item = new WalkItem(key, null);
                    return true;
                }

                if (Fs.TryOpenAt(f.Dir, sortKey[..^1], Libc.O_RDONLY | Libc.O_DIRECTORY | Libc.O_NOFOLLOW, 0, out var sub) == 0)
                {
                    stack.Push(new ListFrame(sub!, key, "", isStart: false, emitSelf: true, isVolumeRoot: false));
                }

                continue;
            }

            var info = DescribeAhead(f, i, key);
            if (info is not null)
            {
                item = new WalkItem(key, info);
                return true;
            }
        }

        item = default;
        return false;
    }

    public void Dispose()
    {
        while (stack.Count > 0)
        {
            stack.Pop().Dispose();
        }
    }

    private static bool IsReserved(ListFrame f, string sortKey, bool isDir) =>
        f.IsVolumeRoot && sortKey.Length > 0 && sortKey[0] == '.' && ObjectKey.IsReservedSegment(isDir ? sortKey[..^1] : sortKey);

    /// <summary>
    /// Loads the frame's sorted entries (from the snapshot cache or a fresh read) and narrows them to the name filter
    /// and the start-after bound by binary search; answers true with the directory's own key when it is empty.
    /// </summary>
    private bool Load(ListFrame f, out WalkItem self)
    {
        var entries = snapshots.Get(f.Dir, () => LogInvalidName(logger, vol.Name, f.KeyPrefix), FilterOf(f), useIndex ? vol.Name : null);
        f.Entries = entries;
        var start = 0;
        var end = entries.Count;
        if (f.NameFilter.Length > 0)
        {
            var filter = Encoding.UTF8.GetBytes(f.NameFilter);
            start = entries.Search(filter, inclusive: true);
            end = entries.PrefixEnd(start, filter);
        }

        if (startAfter is not null)
        {
            if (startAfter.StartsWith(f.KeyPrefix, StringComparison.Ordinal))
            {
                var local = Encoding.UTF8.GetBytes(startAfter[f.KeyPrefix.Length..]);
                var at = entries.Search(local, inclusive: false);
                if (at > 0 && entries.Type(at - 1) == Libc.DT_DIR && local.AsSpan().StartsWith(entries.SortKey(at - 1)))
                {
                    at--; // the directory holding StartAfter: resume inside it
                }

                start = Math.Max(start, at);
            }
            else if (Utf8Order.Cmp(f.KeyPrefix, startAfter) < 0)
            {
                start = end;
            }
        }

        f.Index = start;
        f.End = Math.Max(start, end);

        self = default;
        if (!f.EmitSelf || f.KeyPrefix.Length == 0 || (startAfter is not null && Utf8Order.Cmp(f.KeyPrefix, startAfter) <= 0))
        {
            return false;
        }

        var listable = entries.HasPlain;
        for (var i = 0; !listable && i < entries.Count; i++)
        {
            var name = entries.Name(i);
            listable = Describe(f, new DirEntry(name, Libc.DT_LNK), f.KeyPrefix + name) is not null;
        }

        if (listable)
        {
            return false;
        }

        self = new WalkItem(f.KeyPrefix, ObjectInfos.Directory(f.KeyPrefix, Fs.Fstat(f.Dir, FsOp.Read)));
        return true;
    }

    /// <summary>The entries of the frame a page can use: the name filter, and not below StartAfter (cut after its first '/').</summary>
    private SnapshotFilter FilterOf(ListFrame f)
    {
        var prefix = f.NameFilter.Length > 0 ? Encoding.UTF8.GetBytes(f.NameFilter) : null;
        if (startAfter is null || !startAfter.StartsWith(f.KeyPrefix, StringComparison.Ordinal))
        {
            return new SnapshotFilter(prefix, null);
        }

        var local = startAfter[f.KeyPrefix.Length..];
        var slash = local.IndexOf('/', StringComparison.Ordinal);
        return new SnapshotFilter(prefix, Encoding.UTF8.GetBytes(slash < 0 ? local : local[..(slash + 1)]));
    }

    /// <summary>
    /// The info of file entry <paramref name="index"/>: from the frame's batch, or by describing it together with the
    /// next file entries the caller may take (in parallel, up to the next subdirectory, which expands first).
    /// </summary>
    private ObjectInfo? DescribeAhead(ListFrame f, int index, string key)
    {
        if (f.Batch is not null && f.Batch.TryTake(index, out var done))
        {
            return done;
        }

        f.Batch = null;
        var entries = f.Entries!;
        var limit = Math.Min(Wanted, MaxBatch);
        if (limit < 2)
        {
            return Describe(f, new DirEntry(entries.Name(index), entries.Type(index)), key);
        }

        var indices = new int[limit];
        var keys = new string[limit];
        indices[0] = index;
        keys[0] = key;
        var n = 1;
        var budget = limit - 1;
        for (var j = index + 1; j < f.End && budget > 0; j++)
        {
            var sortKey = entries.SortKeyString(j);
            var isDir = entries.Type(j) == Libc.DT_DIR;
            if (isDir && !(f.IsStart && collapseStartDirectories))
            {
                break;
            }

            budget--;
            var k = f.KeyPrefix + sortKey;
            if (isDir || IsReserved(f, sortKey, isDir) || (Skip is not null && k.StartsWith(Skip, StringComparison.Ordinal)))
            {
                continue;
            }

            indices[n] = j;
            keys[n++] = k;
        }

        if (n == 1)
        {
            return Describe(f, new DirEntry(entries.Name(index), entries.Type(index)), key);
        }

        f.Batch = new DescribeBatch(this, f, indices, keys, n);
        f.Batch.Run();
        f.Batch.TryTake(index, out done);
        return done;
    }

    /// <summary>One fstat and one metadata read (or one statx answered by the describe cache); regular files only (a symlink must resolve to one inside the volume).</summary>
    internal ObjectInfo? Describe(ListFrame f, DirEntry e, string key) => DescribeEntry(f, e, key).Info;

    /// <summary>As <see cref="Describe"/>; <c>Opened</c>: the file had to be opened (not answered by a stat alone).</summary>
    internal (ObjectInfo? Info, bool Opened) DescribeEntry(ListFrame f, DirEntry e, string key) =>
        StaleRetry.Run((Walker: this, Frame: f, Entry: e, Key: key), static s => s.Walker.DescribeOnce(s.Frame, s.Entry, s.Key));

    private (ObjectInfo? Info, bool Opened) DescribeOnce(ListFrame f, DirEntry e, string key)
    {
        int err;
        Microsoft.Win32.SafeHandles.SafeFileHandle? h;
        var probed = false;
        var before = default(DateTimeOffset);
        var named = default(StatxBuffer);
        if (e.Type == Libc.DT_LNK)
        {
            err = Resolver.TryOpen(vol, key, Libc.O_RDONLY | Libc.O_NONBLOCK, out h);
        }
        else
        {
            if (describes.Enabled && metadata.MayUseXattrs)
            {
                before = describes.Now();
                if (Fs.TryStatAtSynced(f.Dir, e.Name, out named) == 0)
                {
                    if (!named.IsRegular)
                    {
                        return (null, false); // as the open below would find: a symlink (O_NOFOLLOW), a directory or a device
                    }

                    if (describes.TryGet(named, metadata.ReadsSidecars(vol), out var cached))
                    {
                        return (ObjectInfos.File(key, named, cached.ETag, cached.Metadata), false);
                    }

                    probed = true;
                }
            }

            err = Fs.TryOpenAt(f.Dir, e.Name, Libc.O_RDONLY | Libc.O_NOFOLLOW | Libc.O_NONBLOCK, 0, out h);
            if (err == Errno.EACCES && Fs.TryStatAt(f.Dir, e.Name, follow: false, out var unreadable) == 0 && unreadable.IsRegular)
            {
                return (ObjectInfos.File(key, unreadable, null), true);
            }
        }

        if (err is Errno.EAGAIN or Errno.ESTALE)
        {
            // Still racing renames (SlowDown), or replaced by another client (looked up again): not a silent gap.
            throw FsErrors.Map(err, FsOp.Read, "open listed entry");
        }

        if (err != 0)
        {
            return (null, true);
        }

        using (h)
        {
            var st = Fs.Fstat(h!, FsOp.Read);
            if (!st.IsRegular)
            {
                return (null, true);
            }

            var info = ObjectInfos.File(key, st, metadata.Read(vol, h!, key, st, out var inXattr));
            if (probed && (inXattr || !metadata.ReadsSidecars(vol)) && describes.Qualifies(f.Dir, named, st, before))
            {
                var shown = info.Metadata.Checksums.Count == 0 ? ObjectMetadata.Empty : ObjectMetadata.Empty with { Checksums = info.Metadata.Checksums };
                describes.Add(st, new Described(info.ETag, shown, inXattr));
            }

            return (info, true);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Volume {Volume}: a name in '{Directory}' is not valid UTF-8 and is not listed")]
    private static partial void LogInvalidName(ILogger logger, string volume, string directory);
}

/// <summary>A key from the walk: a file or empty directory (with its info), or a collapsed directory (info null).</summary>
internal readonly record struct WalkItem(string Key, ObjectInfo? Info);
