using Microsoft.Extensions.Logging;
using S3Spec.Storage.Metadata;
using S3Spec.Storage.Native;
using S3Spec.Storage.Posix;

namespace S3Spec.Storage.Listing;

/// <summary>
/// Yields the keys of a volume subtree in UTF-8 byte order without walking more than it returns: each directory
/// is read once (names and d_type only), pruned against the start-after bound and the prefix, and sorted with
/// subdirectories as "name/". Subtrees that sort entirely before the bound are never opened; <see cref="Skip"/>
/// drops everything under a common prefix already returned. Only the entries it yields are stat'ed.
/// </summary>
internal sealed partial class ListWalker(Volume vol, MetadataStore metadata, string? startAfter, bool collapseStartDirectories, ILogger logger) : IDisposable
{
    private readonly Stack<ListFrame> stack = new();

    /// <summary>Keys starting with this prefix are skipped (a common prefix that was just returned).</summary>
    public string? Skip { get; set; }

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

            if (f.Index >= f.Entries!.Length)
            {
                stack.Pop().Dispose();
                continue;
            }

            var r = f.Entries[f.Index++];
            var key = f.KeyPrefix + r.SortKey;
            if (Skip is not null && key.StartsWith(Skip, StringComparison.Ordinal))
            {
                continue;
            }

            if (r.IsDirectory)
            {
                if (f.IsStart && collapseStartDirectories && (startAfter is null || !startAfter.StartsWith(key, StringComparison.Ordinal) || startAfter == key))
                {
                    item = new WalkItem(key, null);
                    return true;
                }

                if (Fs.TryOpenAt(f.Dir, r.Entry.Name, Libc.O_RDONLY | Libc.O_DIRECTORY | Libc.O_NOFOLLOW, 0, out var sub) == 0)
                {
                    stack.Push(new ListFrame(sub!, key, "", isStart: false, emitSelf: true));
                }

                continue;
            }

            var info = Describe(f, r.Entry, key);
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

    /// <summary>Reads, prunes and sorts the frame; answers true with the directory's own key when it is empty.</summary>
    private bool Load(ListFrame f, out WalkItem self)
    {
        var raw = new List<DirEntry>();
        Fs.TryReadDir(f.Dir, raw, () => LogInvalidName(logger, vol.Name, f.KeyPrefix));
        var kept = new List<ListEntryRef>(raw.Count);
        var listable = false;
        List<DirEntry>? links = null;
        foreach (var e in raw)
        {
            if (f.KeyPrefix.Length == 0 && ObjectKey.IsReservedSegment(e.Name))
            {
                continue;
            }

            var type = e.Type;
            if (type == Libc.DT_UNKNOWN && Fs.TryStatAt(f.Dir, e.Name, follow: false, out var st) == 0)
            {
                type = st.IsDirectory ? Libc.DT_DIR : st.IsRegular ? Libc.DT_REG : st.IsSymlink ? Libc.DT_LNK : Libc.DT_UNKNOWN;
            }

            if (type is not (Libc.DT_DIR or Libc.DT_REG or Libc.DT_LNK))
            {
                continue;
            }

            var isDir = type == Libc.DT_DIR;
            if (type == Libc.DT_LNK)
            {
                (links ??= []).Add(e);
            }
            else
            {
                listable = true;
            }

            var sortKey = isDir ? e.Name + "/" : e.Name;
            if (f.NameFilter.Length > 0 && !sortKey.StartsWith(f.NameFilter, StringComparison.Ordinal))
            {
                continue;
            }

            var key = f.KeyPrefix + sortKey;
            if (startAfter is not null && Utf8Order.Cmp(key, startAfter) <= 0
                && !(isDir && startAfter.StartsWith(key, StringComparison.Ordinal)))
            {
                continue;
            }

            kept.Add(new ListEntryRef(new DirEntry(e.Name, type), sortKey, isDir));
        }

        var entries = kept.ToArray();
        Array.Sort(entries, static (a, b) => Utf8Order.Cmp(a.SortKey, b.SortKey));
        f.Entries = entries;

        self = default;
        if (!f.EmitSelf || f.KeyPrefix.Length == 0 || (startAfter is not null && Utf8Order.Cmp(f.KeyPrefix, startAfter) <= 0))
        {
            return false;
        }

        if (!listable && links is not null)
        {
            foreach (var link in links)
            {
                if (Describe(f, link, f.KeyPrefix + link.Name) is not null)
                {
                    listable = true;
                    break;
                }
            }
        }

        if (listable)
        {
            return false;
        }

        self = new WalkItem(f.KeyPrefix, ObjectInfos.Directory(f.KeyPrefix, Fs.Fstat(f.Dir, FsOp.Read)));
        return true;
    }

    /// <summary>One fstat and one metadata read; regular files only (a symlink must resolve to one inside the volume).</summary>
    private ObjectInfo? Describe(ListFrame f, DirEntry e, string key)
    {
        int err;
        Microsoft.Win32.SafeHandles.SafeFileHandle? h;
        if (e.Type == Libc.DT_LNK)
        {
            err = Resolver.TryOpen(vol, key, Libc.O_RDONLY | Libc.O_NONBLOCK, out h);
        }
        else
        {
            err = Fs.TryOpenAt(f.Dir, e.Name, Libc.O_RDONLY | Libc.O_NOFOLLOW | Libc.O_NONBLOCK, 0, out h);
            if (err == Errno.EACCES && Fs.TryStatAt(f.Dir, e.Name, follow: false, out var unreadable) == 0 && unreadable.IsRegular)
            {
                return ObjectInfos.File(key, unreadable, null);
            }
        }

        if (err != 0)
        {
            return null;
        }

        using (h)
        {
            var st = Fs.Fstat(h!, FsOp.Read);
            return st.IsRegular ? ObjectInfos.File(key, st, metadata.Read(vol, h!, key, st)) : null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Volume {Volume}: a name in '{Directory}' is not valid UTF-8 and is not listed")]
    private static partial void LogInvalidName(ILogger logger, string volume, string directory);
}

/// <summary>A key from the walk: a file or empty directory (with its info), or a collapsed directory (info null).</summary>
internal readonly record struct WalkItem(string Key, ObjectInfo? Info);
