using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Win32.SafeHandles;
using S3Spec.Posix;
using S3Spec.Storage.Contract;
using S3Spec.Storage.Posix;

namespace S3Spec.Storage.Listing;

/// <summary>
/// The persistent listing indexes of large directories under <c>&lt;DataRoot&gt;/.s3spec/listing/</c>, one file per
/// (volume, directory inode): opened and validated on use (<see cref="IndexSnapshot.TryOpen"/>), written in the
/// background from a settled whole snapshot, rebuilt in the background once a changed directory has settled.
/// A cache, never the truth (docs/storage.md "Persistent listing index").
/// </summary>
internal sealed partial class ListingIndex(StorageOptions options, TimeProvider time, ILogger logger)
{
    private const int MaxRebuildWaits = 8;
    private readonly ConcurrentDictionary<string, byte> pending = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim writing = new(1, 1);
    private readonly Lock gate = new();
    private readonly List<Task> tasks = [];
    private int uses;

    /// <summary>Directories with at least this many entries get an index; 0: off.</summary>
    public int MinEntries => options.ListingIndexMinEntries;

    public bool Enabled => options.ListingIndexMinEntries > 0;

    public string Folder => Path.Combine(StoreLayout.StateDirectory(options.DataRoot), StoreLayout.ListingIndexFolder);

    public string PathOf(string scope, ulong ino) => Path.Combine(Folder, scope + "." + ino.ToString("x", System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>
    /// The index of the directory now at <paramref name="stamp"/> in volume <paramref name="scope"/>, when it is valid
    /// (its stamp older than <paramref name="settle"/>, the settle time of the directory's filesystem).
    /// </summary>
    public IndexSnapshot? TryOpen(string scope, DirStamp stamp, DateTimeOffset now, TimeSpan settle, out IndexState state)
    {
        var opened = IndexSnapshot.TryOpen(PathOf(scope, stamp.Ino), stamp, now, settle, out state);
        if (opened is not null)
        {
            Interlocked.Increment(ref uses);
        }

        return opened;
    }

    /// <summary>How many times a valid index was opened (test seam).</summary>
    public int Uses => Volatile.Read(ref uses);

    /// <summary>Writes the index of a settled, whole snapshot taken at <paramref name="stamp"/>, in the background.</summary>
    public void Save(string scope, DirStamp stamp, DirSnapshot snapshot)
    {
        var path = PathOf(scope, stamp.Ino);
        Run(path, null, () => Write(path, stamp, snapshot));
    }

    /// <summary>
    /// Rebuilds the index of directory <paramref name="dir"/> (its own handle, owned from here on) in the background
    /// once it has been unchanged for <paramref name="settle"/> (the settle time of its filesystem); gives up after a
    /// few waits while it keeps changing.
    /// </summary>
    public void Rebuild(string scope, SafeFileHandle dir, DirStamp stamp, TimeSpan settle)
    {
        var path = PathOf(scope, stamp.Ino);
        Run(path, dir, async () =>
        {
            for (var attempt = 0; attempt < MaxRebuildWaits; attempt++)
            {
                var now = time.GetUtcNow();
                if (Fs.TryFstat(dir, out var st) != 0)
                {
                    return;
                }

                var current = DirStamp.Of(st);
                var nowNs = (now.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100;
                var waitNs = (settle.Ticks * 100) - (nowNs - Math.Max(current.MtimeNs, current.CtimeNs));
                if (waitNs > 0)
                {
                    await Task.Delay(TimeSpan.FromTicks((waitNs / 100) + TimeSpan.TicksPerMillisecond), time).ConfigureAwait(false);
                    continue;
                }

                using (var valid = TryOpen(scope, current, now, settle, out _))
                {
                    if (valid is not null)
                    {
                        return;
                    }
                }

                var snapshot = DirSnapshotBuilder.Read(dir, null, default, (count, _) =>
                    count >= MinEntries && Fs.TryFstat(dir, out var after) == 0 && DirStamp.Of(after) == current);
                if (snapshot.Whole)
                {
                    await Write(path, current, snapshot).ConfigureAwait(false);
                    return;
                }

                if (snapshot.Count < MinEntries && Fs.TryFstat(dir, out var again) == 0 && DirStamp.Of(again) == current)
                {
                    return; // no longer large
                }
            }
        });
    }

    /// <summary>Removes the index file that proved corrupt (only that file: a newer one renamed over it stays).</summary>
    public void Discard(IndexFileId id)
    {
        try
        {
            if (Fs.TryStatPath(id.Path, out var st) == 0 && st.Dev == id.Dev && st.Ino == id.Ino)
            {
                File.Delete(id.Path);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogWriteFailed(logger, id.Path, e.Message);
        }

        LogCorrupt(logger, id.Path);
    }

    /// <summary>Completes when no background write or rebuild is running (test seam).</summary>
    public async Task WhenIdleAsync()
    {
        while (true)
        {
            Task[] running;
            lock (gate)
            {
                tasks.RemoveAll(t => t.IsCompleted);
                running = [.. tasks];
            }

            if (running.Length == 0)
            {
                return;
            }

            await Task.WhenAll(running).ConfigureAwait(false);
        }
    }

    private void Run(string path, SafeFileHandle? owned, Func<Task> work)
    {
        if (!pending.TryAdd(path, 0))
        {
            owned?.Dispose();
            return;
        }

        var task = Task.Run(async () =>
        {
            try
            {
                await work().ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
            {
                LogWriteFailed(logger, path, e.Message);
            }
            finally
            {
                owned?.Dispose();
                pending.TryRemove(path, out _);
            }
        });
        lock (gate)
        {
            tasks.RemoveAll(t => t.IsCompleted);
            tasks.Add(task);
        }
    }

    private async Task Write(string path, DirStamp stamp, DirSnapshot snapshot)
    {
        await writing.WaitAsync().ConfigureAwait(false);
        try
        {
            // Temp file + rename, without fsync: a cache need not survive a crash, and a torn file fails the CRCs.
            // Forcing 10+ MB to disk would stall every other fsync on the filesystem (one journal).
            var bytes = IndexFormat.Write(stamp, snapshot);
            Directory.CreateDirectory(Folder);
            var temp = Path.Combine(Folder, "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N") + ".tmp");
            var renamed = false;
            try
            {
                var fd = Libc.OpenAt(Libc.AT_FDCWD, temp, Libc.O_WRONLY | Libc.O_CREAT | Libc.O_EXCL | Libc.O_NOFOLLOW | Libc.O_CLOEXEC, 0b110_000_000);
                if (fd < 0)
                {
                    throw new IOException($"create {temp}: errno {Libc.Errno}");
                }

                using (var file = Fs.Wrap(fd))
                {
                    RandomAccess.Write(file, bytes, 0);
                }

                File.Move(temp, path, overwrite: true);
                renamed = true;
            }
            finally
            {
                if (!renamed)
                {
                    Libc.UnlinkAt(Libc.AT_FDCWD, temp, 0);
                }
            }
        }
        finally
        {
            writing.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listing index {Path} could not be written: {Reason}")]
    private static partial void LogWriteFailed(ILogger logger, string path, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listing index {Path} is corrupt: removed, the listing was answered from the directory")]
    private static partial void LogCorrupt(ILogger logger, string path);
}
