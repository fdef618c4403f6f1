using Microsoft.Extensions.Logging;
using S3Spec.Storage.Metadata;
using S3Spec.Posix;
using S3Spec.Storage.Contract;
using S3Spec.Storage.Posix;

namespace S3Spec.Storage.Listing;

/// <summary>
/// ListObjects over the walk: starts at the deepest directory the prefix names, groups by the delimiter
/// (generic: the first occurrence after the prefix), stops after MaxKeys with one item of look-ahead.
/// Stateless: the caller resumes with StartAfter = <see cref="ListObjectsPage.LastReturned"/>.
/// </summary>
internal sealed class ObjectLister(MetadataStore metadata, DirSnapshotCache snapshots, DescribeCache describes, ILogger logger)
{
    /// <summary>
    /// One page. A persistent index whose page proves corrupt mid-walk is removed and the page is listed again from
    /// the directories themselves (the listing is a pure function of the request): never an error to the client.
    /// </summary>
    public ListObjectsPage List(Volume vol, ListObjectsRequest req)
    {
        try
        {
            return List(vol, req, useIndex: true);
        }
        catch (IndexCorruptException e)
        {
            snapshots.Index?.Discard(e.FileId);
            return List(vol, req, useIndex: false);
        }
    }

    private ListObjectsPage List(Volume vol, ListObjectsRequest req, bool useIndex)
    {
        var prefix = req.Prefix ?? "";
        var delimiter = string.IsNullOrEmpty(req.Delimiter) ? null : req.Delimiter;
        var startAfter = string.IsNullOrEmpty(req.StartAfter) ? null : req.StartAfter;
        var objects = new List<ListEntry>();
        var prefixes = new List<string>();
        if (req.MaxKeys <= 0)
        {
            return Page(objects, prefixes, false, null);
        }

        var slash = prefix.LastIndexOf('/');
        var startDir = slash < 0 ? "" : prefix[..slash];
        var keyPrefix = slash < 0 ? "" : prefix[..(slash + 1)];
        var remainder = prefix[(slash + 1)..];
        if (slash >= 0 && !IsWalkable(startDir))
        {
            return Page(objects, prefixes, false, null);
        }

        var e = Resolver.TryOpen(vol, startDir, Libc.O_RDONLY | Libc.O_DIRECTORY, out var dir);
        if (e != 0)
        {
            return e is Errno.ENOENT or Errno.ENOTDIR or PseudoErrno.Escapes or PseudoErrno.Reserved or Errno.ELOOP
                ? Page(objects, prefixes, false, null)
                : throw FsErrors.Map(e, FsOp.Read, "open prefix directory");
        }

        using var walker = new ListWalker(vol, metadata, snapshots, describes, startAfter, delimiter == "/", useIndex, logger);
        var isRoot = startDir.Length == 0 || IsVolumeRoot(vol, dir!);
        walker.Push(new ListFrame(dir!, keyPrefix, remainder, isStart: true, emitSelf: remainder.Length == 0 && keyPrefix.Length > 0, isVolumeRoot: isRoot));
        string? last = null;
        var truncated = false;
        while (true)
        {
            walker.Wanted = (int)Math.Min(int.MaxValue, (long)req.MaxKeys - objects.Count - prefixes.Count + 1);
            if (!walker.TryNext(out var item))
            {
                break;
            }

            string? common = null;
            if (delimiter is not null)
            {
                if (item.Info is null)
                {
                    common = item.Key;
                }
                else
                {
                    var at = item.Key.IndexOf(delimiter, prefix.Length, StringComparison.Ordinal);
                    common = at < 0 ? null : item.Key[..(at + delimiter.Length)];
                }
            }

            if (common is not null)
            {
                walker.Skip = common;
                if (common == startAfter)
                {
                    continue;
                }
            }

            if (req.Returnable is { } returnable && !returnable(common ?? item.Key))
            {
                continue;
            }

            if (objects.Count + prefixes.Count >= req.MaxKeys)
            {
                truncated = true;
                break;
            }

            if (common is not null)
            {
                prefixes.Add(common);
                last = common;
            }
            else
            {
                var info = item.Info!;
                objects.Add(new ListEntry(info.Key, info.Size, info.LastModified, info.ETag) { Checksums = info.Metadata.Checksums });
                last = info.Key;
            }
        }

        return Page(objects, prefixes, truncated, last);
    }

    /// <summary>A prefix directory reached through an in-volume symlink may be the volume root itself (its staging folder hidden).</summary>
    private static bool IsVolumeRoot(Volume vol, Microsoft.Win32.SafeHandles.SafeFileHandle dir)
    {
        var st = Fs.Fstat(dir, FsOp.Read);
        var root = Fs.Fstat(vol.Root, FsOp.Read);
        return st.Dev == root.Dev && st.Ino == root.Ino;
    }

    private static ListObjectsPage Page(List<ListEntry> objects, List<string> prefixes, bool truncated, string? last) => new()
    {
        Objects = objects,
        CommonPrefixes = prefixes,
        IsTruncated = truncated,
        LastReturned = last,
    };

    /// <summary>
    /// True when the complete segments of a prefix (all before its last '/') can begin a valid key: each non-empty,
    /// not "." or "..", no NUL, the first not the staging folder. "" here is the one empty segment of a prefix "/".
    /// </summary>
    private static bool IsWalkable(string dir)
    {
        var segments = dir.Split('/');
        foreach (var s in segments)
        {
            if (s.Length == 0 || s == "." || s == ".." || s.Contains('\0', StringComparison.Ordinal))
            {
                return false;
            }
        }

        return !ObjectKey.IsReservedSegment(segments[0]);
    }
}
