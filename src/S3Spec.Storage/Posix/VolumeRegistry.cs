using System.Collections.Concurrent;
using S3Spec.Core.Errors;
using S3Spec.Posix;
using S3Spec.Storage.Contract;

namespace S3Spec.Storage.Posix;

/// <summary>Finds and opens volumes (top-level directories of the data root with valid bucket names).</summary>
internal sealed class VolumeRegistry(StorageOptions options, Confinement confinement) : IDisposable
{
    private readonly ConcurrentDictionary<string, VolumeState> states = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, VolumeRoot> roots = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

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

    /// <summary>
    /// Leases the volume root (O_PATH|O_DIRECTORY); NoSuchBucket when absent. The root's descriptor is cached: each
    /// call checks with one statx of the volume's path that the name still resolves to the cached directory
    /// (<see cref="VolumeIdentity"/>) and opens the directory again when it does not (docs/storage.md, "Volume roots").
    /// </summary>
    public Volume Open(string name)
    {
        if (!BucketName.IsValid(name))
        {
            throw new S3Exception(S3Errors.NoSuchBucket);
        }

        var root = Lease(name);
        var vol = new Volume(name, root, confinement);
        if (!root.State.Housekept)
        {
            root.State.Housekept = true;
            try
            {
                FirstOpened?.Invoke(vol);
            }
            catch
            {
                vol.Dispose();
                throw;
            }
        }

        return vol;
    }

    private VolumeRoot Lease(string name)
    {
        roots.TryGetValue(name, out var cached);
        var path = cached?.Path ?? Path.Combine(Path.GetFullPath(options.DataRoot), name);
        var e = StatVolume(path, out var identity);
        if (e != 0)
        {
            if (cached is not null && e is Errno.ENOENT or Errno.ENOTDIR)
            {
                Forget(name, cached);
            }

            throw FsErrors.Map(e, FsOp.Volume, "open volume");
        }

        return cached is not null && cached.Identity.SameAs(identity) && cached.TryLease() ? cached : Reopen(name, path);
    }

    /// <summary>The identity of the directory <paramref name="path"/> names now (symlinks followed); ENOTDIR for another type.</summary>
    private static unsafe int StatVolume(string path, out VolumeIdentity identity)
    {
        StatxBuffer st;
        if (Libc.Statx(Libc.AT_FDCWD, path, 0, Libc.STATX_TYPE | Libc.STATX_INO | Libc.STATX_BTIME, &st) < 0)
        {
            identity = default;
            return Libc.Errno;
        }

        identity = VolumeIdentity.Of(st);
        return st.IsDirectory ? 0 : Errno.ENOTDIR;
    }

    /// <summary>Opens the directory the name resolves to now, caches it (retiring the root it replaces) and leases it.</summary>
    private VolumeRoot Reopen(string name, string path)
    {
        var fd = Libc.OpenAt(Libc.AT_FDCWD, path, Libc.O_PATH | Libc.O_DIRECTORY | Libc.O_CLOEXEC, 0);
        if (fd < 0)
        {
            throw FsErrors.Last(FsOp.Volume, "open volume");
        }

        var handle = Fs.Wrap(fd);
        StatxBuffer st;
        try
        {
            st = Fs.Fstat(handle, FsOp.Volume);
        }
        catch
        {
            handle.Dispose();
            throw;
        }

        var identity = VolumeIdentity.Of(st);
        lock (gate)
        {
            roots.TryGetValue(name, out var current);
            if (current is not null && current.Identity.SameAs(identity) && current.TryLease())
            {
                handle.Dispose();
                return current;
            }

            var state = states.AddOrUpdate(
                name,
                _ => NewState(handle, st.Ino),
                (_, old) => old.Ino == st.Ino ? old : NewState(handle, st.Ino));
            var fresh = new VolumeRoot(path, handle, identity, state);
            fresh.TryLease();
            roots[name] = fresh;
            current?.Retire();
            return fresh;
        }
    }

    /// <summary>
    /// Drops every cached root (each closes when its last lease ends), so that a store that is done with its data root
    /// no longer holds its volumes' directories or mounts open. A later <see cref="Open"/> opens the volume again.
    /// </summary>
    public void Dispose()
    {
        lock (gate)
        {
            foreach (var (name, root) in roots)
            {
                roots.TryRemove(name, out _);
                root.Retire();
            }
        }
    }

    /// <summary>The name resolves to nothing: the cached root is dropped (closed when its leases end).</summary>
    private void Forget(string name, VolumeRoot cached)
    {
        lock (gate)
        {
            if (roots.TryGetValue(name, out var current) && ReferenceEquals(current, cached))
            {
                roots.TryRemove(name, out _);
                cached.Retire();
            }
        }
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
