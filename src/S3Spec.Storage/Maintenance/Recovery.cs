using Microsoft.Extensions.Logging;
using Microsoft.Win32.SafeHandles;
using S3Spec.Core.Errors;
using S3Spec.Storage.Multipart;
using S3Spec.Posix;
using S3Spec.Storage.Contract;
using S3Spec.Storage.Posix;
using S3Spec.Storage.Writing;

namespace S3Spec.Storage.Maintenance;

/// <summary>
/// Crash recovery of the staging folders (docs/storage.md "Recovery"): on a volume's first open and then at every
/// <see cref="RecoverAll"/>, removes temp files whose writer is gone, idle key locks and stale completion records,
/// and settles claimed completes whose completer died. Reads only the staging folders, never walks a volume.
/// </summary>
internal sealed partial class Recovery(StorageOptions options, VolumeRegistry volumes, Staging staging, TimeProvider time, ILogger logger)
{
    private static readonly TimeSpan StaleAfter = TimeSpan.FromHours(1);

    /// <summary>A writer takes its temp file's lock right after creating it; younger unlocked files are left alone.</summary>
    private static readonly TimeSpan WriterLockGrace = TimeSpan.FromSeconds(10);
    private readonly Claims claims = new(staging);

    /// <summary>Start-up recovery and periodic housekeeping of every volume (reads only the staging folders).</summary>
    public void RecoverAll()
    {
        foreach (var volume in volumes.List())
        {
            try
            {
                using var vol = volumes.Open(volume.Name);
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
    public void Housekeep(Volume vol)
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

            using (var locks = staging.OpenDir(root, KeyLock.LocksDir, create: false))
            {
                if (locks is not null)
                {
                    KeyLock.RemoveIdle(locks, cutoff);
                }
            }

            RemoveOlder(root, time.GetUtcNow() - options.CompletionRecordRetention, static n => n.EndsWith(".done", StringComparison.Ordinal));
            RemoveOlder(root, cutoff, static n => n.EndsWith(".tmp", StringComparison.Ordinal));
            var entries = new List<DirEntry>();
            Fs.TryReadDir(root, entries, null);
            foreach (var e in entries)
            {
                if (e.Name.StartsWith(UploadIds.CompletingPrefix, StringComparison.Ordinal)
                    && ClaimLocks.ClaimAbandoned(root, e.Name, cutoff))
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
    private void RemoveAbandonedTemps(SafeFileHandle dir, DateTimeOffset cutoff)
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

    private void RemoveOlder(SafeFileHandle dir, DateTimeOffset cutoff, Func<string, bool> match)
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
