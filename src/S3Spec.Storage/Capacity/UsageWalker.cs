using S3Spec.Posix;
using S3Spec.Storage.Contract;
using S3Spec.Storage.Posix;

namespace S3Spec.Storage.Capacity;

/// <summary>
/// Sums the sizes of a volume's regular files (objects and staged part files), directory by directory, yielding between
/// directories. Not counted: files changed since <c>startNs</c> (ctime; their writes are counted by the commits made
/// during the walk), the rest of <c>.s3compat_uploads</c> (temp files are counted by their reservations; records and
/// sidecars are metadata), further links of a hard-linked file, other filesystems mounted inside the volume.
/// Symlinks are never followed.
/// </summary>
internal static class UsageWalker
{
    public static async Task<long> SumAsync(Volume vol, long startNs, CancellationToken cancellationToken)
    {
        var rootDev = FsCapacity.Extra(Fs.Fstat(vol.Root, FsOp.Read)).Dev;
        var pending = new Stack<string>();
        pending.Push("");
        var linked = new HashSet<ulong>();
        var entries = new List<DirEntry>();
        long total = 0;
        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var path = pending.Pop();
            if (Resolver.TryOpen(vol, path, Libc.O_RDONLY | Libc.O_DIRECTORY | Libc.O_NOFOLLOW, out var dir) != 0)
            {
                continue; // removed meanwhile, or replaced by a symlink
            }

            using (dir)
            {
                entries.Clear();
                Fs.TryReadDir(dir!, entries, null);
                var staging = path == ObjectKey.StagingFolder;
                var upload = !staging && path.StartsWith(ObjectKey.StagingFolder + "/", StringComparison.Ordinal);
                foreach (var e in entries)
                {
                    if (Fs.TryStatAt(dir!, e.Name, follow: false, out var st) != 0)
                    {
                        continue;
                    }

                    var (dev, nlink, ctimeNs) = FsCapacity.Extra(st);
                    if (st.IsDirectory)
                    {
                        if (dev == rootDev && !upload && (!staging || IsUploadFolder(e.Name)))
                        {
                            pending.Push(path.Length == 0 ? e.Name : path + "/" + e.Name);
                        }
                    }
                    else if (st.IsRegular && !staging && (!upload || UploadIds.IsPartData(e.Name))
                        && ctimeNs < startNs && (nlink <= 1 || linked.Add(st.Ino)))
                    {
                        total += e.Name == UploadIds.PlacedDataName && upload ? st.UsedBytes : (long)st.Size;
                    }
                }
            }

            await Task.Yield();
        }

        return total;
    }

    private static bool IsUploadFolder(string name) =>
        UploadIds.IsValid(name)
        || (name.StartsWith(UploadIds.CompletingPrefix, StringComparison.Ordinal) && UploadIds.IsValid(name[UploadIds.CompletingPrefix.Length..]));
}
