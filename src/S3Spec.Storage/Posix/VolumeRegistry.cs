using System.Collections.Concurrent;
using S3Spec.Core.Errors;
using S3Spec.Posix;
using S3Spec.Storage.Contract;

namespace S3Spec.Storage.Posix;

/// <summary>Finds and opens volumes (top-level directories of the data root with valid bucket names).</summary>
internal sealed class VolumeRegistry(StorageOptions options, Confinement confinement)
{
    private readonly ConcurrentDictionary<string, VolumeState> states = new(StringComparer.Ordinal);

    /// <summary>Called once for each volume directory (name and inode) on its first open: the store's recovery of it.</summary>
    public Action<Volume>? FirstOpened { get; set; }

    public IReadOnlyList<VolumeInfo> List()
    {
        var root = Path.GetFullPath(options.DataRoot);
        var e = Fs.TryOpenAtPath(root, out var dir);
        if (e != 0)
        {
            throw FsErrors.Map(e, FsOp.Read, "open data root");
        }

        var entries = new List<DirEntry>();
        using (dir)
        {
            Fs.TryReadDir(dir!, entries, null);
            var result = new List<VolumeInfo>();
            foreach (var entry in entries)
            {
                if (BucketName.IsValid(entry.Name) && Fs.TryStatAt(dir!, entry.Name, follow: true, out var st) == 0 && st.IsDirectory)
                {
                    result.Add(new VolumeInfo(entry.Name, st.Created));
                }
            }

            result.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
            return result;
        }
    }

    public VolumeInfo? Get(string name)
    {
        if (!BucketName.IsValid(name))
        {
            return null;
        }

        var path = Path.Combine(Path.GetFullPath(options.DataRoot), name);
        return Fs.TryStatPath(path, out var st) == 0 && st.IsDirectory ? new VolumeInfo(name, st.Created) : null;
    }

    /// <summary>Opens the volume root (O_PATH|O_DIRECTORY); NoSuchBucket when absent.</summary>
    public Volume Open(string name)
    {
        if (!BucketName.IsValid(name))
        {
            throw new S3Exception(S3Errors.NoSuchBucket);
        }

        var path = Path.Combine(Path.GetFullPath(options.DataRoot), name);
        var fd = Libc.OpenAt(Libc.AT_FDCWD, path, Libc.O_PATH | Libc.O_DIRECTORY | Libc.O_CLOEXEC, 0);
        if (fd < 0)
        {
            throw FsErrors.Last(FsOp.Volume, "open volume");
        }

        var root = Fs.Wrap(fd);
        var ino = Fs.Fstat(root, FsOp.Volume).Ino;
        var state = states.AddOrUpdate(
            name,
            _ => NewState(root, ino),
            (_, old) => old.Ino == ino ? old : NewState(root, ino));
        var vol = new Volume(name, root, state, confinement);
        if (!state.Housekept)
        {
            state.Housekept = true;
            FirstOpened?.Invoke(vol);
        }

        return vol;
    }

    private static VolumeState NewState(Microsoft.Win32.SafeHandles.SafeFileHandle root, ulong ino) => new(ino)
    {
        SidecarSeen = HasSidecars(root),
    };

    /// <summary>True when the volume has a sidecar folder (opened beneath the root, no symlink followed).</summary>
    private static bool HasSidecars(Microsoft.Win32.SafeHandles.SafeFileHandle root)
    {
        if (Beneath.TryOpen(root, ObjectKey.StagingFolder + "/" + Staging.MetaDir, Libc.O_PATH | Libc.O_DIRECTORY, 0, out var meta) != 0)
        {
            return false;
        }

        meta!.Dispose();
        return true;
    }

}
