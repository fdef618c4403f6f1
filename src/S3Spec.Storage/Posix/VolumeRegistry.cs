using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using S3Spec.Core.Errors;
using S3Spec.Storage.Native;

namespace S3Spec.Storage.Posix;

/// <summary>Finds and opens volumes (top-level directories of the data root with valid bucket names).</summary>
internal sealed partial class VolumeRegistry(StorageOptions options, Staging staging, TimeProvider time, ILogger logger)
{
    private static readonly TimeSpan StaleAfter = TimeSpan.FromHours(1);

    /// <summary>A writer takes its temp file's lock right after creating it; younger unlocked files are left alone.</summary>
    private static readonly TimeSpan WriterLockGrace = TimeSpan.FromSeconds(10);
    private readonly ConcurrentDictionary<string, VolumeState> states = new(StringComparer.Ordinal);
    private readonly Multipart.Claims claims = new(staging);

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
        var vol = new Volume(name, root, state);
        if (!state.Housekept)
        {
            state.Housekept = true;
            Housekeep(vol);
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

    /// <summary>Start-up recovery and periodic housekeeping of every volume (reads only the staging folders).</summary>
    public void HousekeepAll()
    {
        foreach (var volume in List())
        {
            try
            {
                using var vol = Open(volume.Name);
                if (vol.State.Housekept)
                {
                    Housekeep(vol);
                }
            }
            catch (S3Exception ex)
            {
                LogHousekeepingFailed(logger, volume.Name, ex.Message);
            }
        }
    }

    /// <summary>Removes temp files whose writer is gone and stale completion records, returns crashed completes.</summary>
    private void Housekeep(Volume vol)
    {
        try
        {
            using var root = staging.OpenRoot(vol, create: false);
            if (root is null)
            {
                return;
            }

            var cutoff = time.GetUtcNow() - StaleAfter;
            using (var tmp = staging.OpenDir(root, Staging.TmpDir, create: false))
            {
                if (tmp is not null)
                {
                    RemoveAbandonedTemps(tmp, cutoff);
                }
            }

            using (var locks = staging.OpenDir(root, Writing.KeyLock.LocksDir, create: false))
            {
                if (locks is not null)
                {
                    Writing.KeyLock.RemoveIdle(locks, cutoff);
                }
            }

            RemoveOlder(root, time.GetUtcNow() - options.CompletionRecordRetention, static n => n.EndsWith(".done", StringComparison.Ordinal));
            RemoveOlder(root, cutoff, static n => n.EndsWith(".tmp", StringComparison.Ordinal));
            var entries = new List<DirEntry>();
            Fs.TryReadDir(root, entries, null);
            foreach (var e in entries)
            {
                if (e.Name.StartsWith(Multipart.UploadIds.CompletingPrefix, StringComparison.Ordinal)
                    && Multipart.UploadIds.ClaimAbandoned(root, e.Name, cutoff))
                {
                    claims.Settle(vol, root, e.Name);
                }
            }
        }
        catch (S3Exception ex)
        {
            LogHousekeepingFailed(logger, vol.Name, ex.Message);
        }
    }

    /// <summary>
    /// Removes temp files whose writer is gone: each writer holds an exclusive flock on its temp file, so a file
    /// whose lock can be taken belongs to no live process (of any replica). Where the filesystem has no flock,
    /// only files older than the cutoff are removed.
    /// </summary>
    private void RemoveAbandonedTemps(Microsoft.Win32.SafeHandles.SafeFileHandle dir, DateTimeOffset cutoff)
    {
        var entries = new List<DirEntry>();
        Fs.TryReadDir(dir, entries, null);
        foreach (var e in entries)
        {
            if (Beneath.TryOpen(dir, e.Name, Libc.O_RDONLY | Libc.O_NOFOLLOW | Libc.O_NONBLOCK, 0, out var h) != 0)
            {
                continue;
            }

            using (h)
            {
                var lockResult = Fs.TryFlock(h!, Libc.LOCK_EX | Libc.LOCK_NB);
                var modified = Fs.TryStatAt(dir, e.Name, follow: false, out var st) == 0 ? st.LastModified : time.GetUtcNow();
                var abandoned = lockResult == 0
                    ? modified < time.GetUtcNow() - WriterLockGrace
                    : lockResult != Errno.EAGAIN && modified < cutoff;
                if (abandoned && Fs.TryUnlinkAt(dir, e.Name, false) == 0)
                {
                    LogStaleRemoved(logger, e.Name);
                }
            }
        }
    }

    private void RemoveOlder(Microsoft.Win32.SafeHandles.SafeFileHandle dir, DateTimeOffset cutoff, Func<string, bool> match)
    {
        var entries = new List<DirEntry>();
        Fs.TryReadDir(dir, entries, null);
        foreach (var e in entries)
        {
            if (match(e.Name) && Fs.TryStatAt(dir, e.Name, follow: false, out var st) == 0 && st.IsRegular && st.LastModified < cutoff
                && Fs.TryUnlinkAt(dir, e.Name, false) == 0)
            {
                LogStaleRemoved(logger, e.Name);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed stale staging file {Name}")]
    private static partial void LogStaleRemoved(ILogger logger, string name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Housekeeping of volume {Volume} failed: {Reason}")]
    private static partial void LogHousekeepingFailed(ILogger logger, string volume, string reason);
}
