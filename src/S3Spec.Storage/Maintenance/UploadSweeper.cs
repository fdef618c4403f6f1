using Microsoft.Extensions.Logging;
using Microsoft.Win32.SafeHandles;
using S3Spec.Core.Errors;
using S3Spec.Storage.Capacity;
using S3Spec.Storage.Multipart;
using S3Spec.Posix;
using S3Spec.Storage.Contract;
using S3Spec.Storage.Posix;

namespace S3Spec.Storage.Maintenance;

/// <summary>
/// Aborts abandoned uploads: every upload folder of every volume whose newest mtime (the folder and its files) is
/// older than the cut-off is removed. One sweeper at a time, also across processes and replicas sharing the data root:
/// an exclusive non-blocking flock on <c>&lt;DataRoot&gt;/.s3spec/sweeper.lock</c>; when another holds it, nothing is done.
/// </summary>
internal sealed partial class UploadSweeper(
    StorageOptions options, TimeProvider time, VolumeRegistry volumes, Staging staging, CapacityTracker capacity, ILogger logger)
{
    public const string LockName = StoreLayout.SweeperLockName;

    public async Task<int> SweepAsync(TimeSpan olderThan, CancellationToken cancellationToken)
    {
        using var held = TryLock(options.DataRoot);
        if (held is null)
        {
            LogLockHeld(logger);
            return 0;
        }

        var cutoff = time.GetUtcNow() - olderThan;
        var aborted = 0;
        foreach (var info in volumes.List())
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                using var vol = volumes.Open(info.Name);
                aborted += await SweepVolumeAsync(vol, cutoff, cancellationToken).ConfigureAwait(false);
            }
            catch (S3Exception ex)
            {
                LogVolumeFailed(logger, info.Name, ex.Message);
            }
        }

        return aborted;
    }

    /// <summary>Takes the sweeper lock (exclusive, non-blocking); null when another sweeper holds it.</summary>
    internal static SafeFileHandle? TryLock(string dataRoot)
    {
        Directory.CreateDirectory(StoreLayout.StateDirectory(dataRoot));
        try
        {
            AtomicFile.CreateIfMissing(StoreLayout.SweeperLock(dataRoot), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }
        catch (IOException)
        {
            // the open below answers why
        }

        var fd = Libc.OpenAt(Libc.AT_FDCWD, StoreLayout.SweeperLock(dataRoot), Libc.O_RDWR | Libc.O_CLOEXEC | Libc.O_NOFOLLOW, 0);
        if (fd < 0)
        {
            throw FsErrors.Last(FsOp.Write, "open sweeper lock");
        }

        var h = Fs.Wrap(fd);
        var e = Fs.TryFlock(h, Libc.LOCK_EX | Libc.LOCK_NB);
        if (e == 0)
        {
            return h;
        }

        h.Dispose();
        return e == FsCapacity.EWOULDBLOCK ? null : throw FsErrors.Map(e, FsOp.Write, "flock sweeper lock");
    }

    private async Task<int> SweepVolumeAsync(Volume vol, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        using var root = staging.OpenRoot(vol, create: false);
        if (root is null)
        {
            return 0;
        }

        var entries = new List<DirEntry>();
        Fs.TryReadDir(root, entries, null);
        var aborted = 0;
        foreach (var e in entries)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!UploadIds.IsValid(e.Name) || LastActivity(root, e.Name) is not { } last || last >= cutoff)
            {
                continue;
            }

            string? key = null;
            if (staging.OpenDir(root, e.Name, create: false) is { } dir)
            {
                using (dir)
                {
                    key = Uploads.ReadUpload(dir)?.Key;
                }
            }

            var bytes = CapacityTracker.StagedBytes(root, e.Name) ?? 0;
            Fs.RemoveFlatTree(root, e.Name);
            if (Fs.TryStatAt(root, e.Name, follow: false, out _) == Errno.ENOENT)
            {
                aborted++;
                capacity.Adjust(vol, -bytes);
                LogAborted(logger, vol.Name, key ?? "?", e.Name, last, bytes);
            }

            await Task.Yield();
        }

        return aborted;
    }

    /// <summary>Newest mtime of the upload folder and its entries; null when it is not a directory.</summary>
    private static DateTimeOffset? LastActivity(SafeFileHandle root, string id)
    {
        if (Beneath.TryOpen(root, id, Libc.O_RDONLY | Libc.O_DIRECTORY | Libc.O_NOFOLLOW, 0, out var dir) != 0)
        {
            return null;
        }

        using (dir)
        {
            var newest = Fs.Fstat(dir!, FsOp.Upload).LastModified;
            var entries = new List<DirEntry>();
            Fs.TryReadDir(dir!, entries, null);
            foreach (var e in entries)
            {
                if (Fs.TryStatAt(dir!, e.Name, follow: false, out var st) == 0 && st.LastModified > newest)
                {
                    newest = st.LastModified;
                }
            }

            return newest;
        }
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Aborted abandoned upload {UploadId} of {Volume}/{Key} (untouched since {LastActivity:o}, {Bytes} bytes freed)")]
    private static partial void LogAborted(ILogger logger, string volume, string key, string uploadId, DateTimeOffset lastActivity, long bytes);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Upload sweep skipped: another sweeper holds the lock")]
    private static partial void LogLockHeld(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Upload sweep of volume {Volume} failed: {Reason}")]
    private static partial void LogVolumeFailed(ILogger logger, string volume, string reason);
}
