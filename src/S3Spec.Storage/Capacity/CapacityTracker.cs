using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Win32.SafeHandles;
using S3Spec.Core.Errors;
using S3Spec.Posix;
using S3Spec.Storage.Contract;
using S3Spec.Storage.Posix;

namespace S3Spec.Storage.Capacity;

/// <summary>
/// Capacity of volumes (docs/storage.md "Capacity"): the quota from the volume registry, used bytes from the
/// filesystem (own mount, project quota) or from a counter that every write/delete/part/complete/abort of this
/// process updates and that a background walk corrects (lazily on first use, then at most every
/// <see cref="StorageOptions.CapacityWalkInterval"/>; never inside a request).
/// </summary>
internal sealed partial class CapacityTracker(StorageOptions options, TimeProvider time, VolumeRegistry volumes, ILogger logger)
{
    /// <summary>How old the shared counter may be while a body grows (its first check always reads it).</summary>
    public static readonly TimeSpan SharedRefresh = TimeSpan.FromMilliseconds(250);

    private readonly ConcurrentDictionary<string, VolumeSpace> spaces = new(StringComparer.Ordinal);

    public DateTimeOffset Now => time.GetUtcNow();

    public QuotaFile Quotas { get; } = new(options.DataRoot, time, logger);

    /// <summary>A reservation for one write into <paramref name="vol"/>; dispose it with the write.</summary>
    public SpaceReservation Begin(Volume vol)
    {
        var s = SpaceOf(vol);
        MaybeStartWalk(s);
        return new SpaceReservation(this, s, vol.Root);
    }

    /// <summary>A committed change that is not a reservation: delete (negative), abort, complete.</summary>
    public void Adjust(Volume vol, long delta)
    {
        var s = SpaceOf(vol);
        if (s.Source == SpaceSource.Counter && delta != 0)
        {
            lock (s.Gate)
            {
                s.ApplyLocked(delta);
            }
        }

        MaybeStartWalk(s);
    }

    public VolumeUsage Usage(Volume vol)
    {
        var s = SpaceOf(vol);
        MaybeStartWalk(s);
        var quota = Quotas.Get(vol.Name);
        var available = DiskAvailable(vol.Root) ?? 0;
        long used;
        if (s.Source == SpaceSource.Counter)
        {
            lock (s.Gate)
            {
                s.RefreshLocked(time.GetUtcNow(), force: true, SharedRefresh);
                used = s.Tracked + s.InFlight;
            }
        }
        else
        {
            (used, var limit) = ExactUsed(s, vol.Root);
            quota ??= limit;
        }

        var free = quota is { } q ? Math.Max(0, Math.Min(q - used, available)) : available;
        return new VolumeUsage(vol.Name, quota, used, free, s.Source != SpaceSource.Counter);
    }

    public long? DiskAvailable(SafeFileHandle root) => FsCapacity.TryFsSpace(root, out var fs) ? fs.Available : null;

    /// <summary>Used bytes from the filesystem and the project quota's hard limit (null: none).</summary>
    public (long Used, long? Limit) ExactUsed(VolumeSpace s, SafeFileHandle root)
    {
        if (s.Source == SpaceSource.ProjectQuota && Fs.TryOpenAt(root, ".", Libc.O_RDONLY | Libc.O_DIRECTORY, 0, out var dir) == 0)
        {
            using (dir)
            {
                if (FsCapacity.TryProjectQuota(dir!, s.ProjectId, out var used, out var hard))
                {
                    return (used, hard > 0 ? hard : null);
                }
            }
        }

        return FsCapacity.TryFsSpace(root, out var fs) ? (fs.Used, null) : (0, null);
    }

    /// <summary>Runs a correcting walk of <paramref name="volume"/> now (after one already running) and waits for it.</summary>
    internal async Task WalkNowAsync(string volume, CancellationToken cancellationToken)
    {
        VolumeSpace s;
        using (var vol = volumes.Open(volume))
        {
            s = SpaceOf(vol);
        }

        if (s.Source != SpaceSource.Counter)
        {
            return;
        }

        Task mine;
        while (true)
        {
            Task? running;
            lock (s.Gate)
            {
                if (!s.Walking)
                {
                    mine = StartWalkLocked(s, cancellationToken);
                    break;
                }

                running = s.WalkTask;
            }

            await running!.ConfigureAwait(false);
        }

        await mine.ConfigureAwait(false);
    }

    /// <summary>Size of the regular file <paramref name="name"/> in <paramref name="dir"/> that replacing or removing it frees (0: none, or hard-linked).</summary>
    public static long FileSize(SafeFileHandle dir, string name) =>
        Fs.TryStatAt(dir, name, follow: false, out var st) == 0 && st.IsRegular && FsCapacity.Extra(st).Nlink <= 1 ? (long)st.Size : 0;

    /// <summary>Size of the object file at <paramref name="key"/> (0 when absent or not a regular file).</summary>
    public static long ObjectSize(Volume vol, ParsedKey key)
    {
        if (key.IsDirectory || Resolver.TryOpen(vol, key.ParentPath, Libc.O_PATH | Libc.O_DIRECTORY, out var parent) != 0)
        {
            return 0;
        }

        using (parent)
        {
            return FileSize(parent!, key.Leaf);
        }
    }

    /// <summary>Bytes of the staged parts of an upload; null when the upload folder does not exist.</summary>
    public static long? StagedBytes(SafeFileHandle stagingRoot, string uploadId)
    {
        if (Beneath.TryOpen(stagingRoot, uploadId, Libc.O_RDONLY | Libc.O_DIRECTORY | Libc.O_NOFOLLOW, 0, out var dir) != 0)
        {
            return null;
        }

        using (dir)
        {
            var entries = new List<DirEntry>();
            Fs.TryReadDir(dir!, entries, null);
            long total = 0;
            foreach (var e in entries)
            {
                if (UploadIds.TryParsePartName(e.Name, out _))
                {
                    total += FileSize(dir!, e.Name);
                }
                else if (e.Name == UploadIds.PlacedDataName && Fs.TryStatAt(dir!, e.Name, follow: false, out var st) == 0 && st.IsRegular)
                {
                    total += st.UsedBytes; // sparse while parts arrive out of order
                }
            }

            return total;
        }
    }

    private VolumeSpace SpaceOf(Volume vol)
    {
        var ino = vol.State.Ino;
        if (spaces.TryGetValue(vol.Name, out var s) && s.Ino == ino)
        {
            return s;
        }

        var fresh = Detect(vol, ino);
        if (fresh.Source == SpaceSource.Counter)
        {
            fresh.Shared = SharedUsageFile.For(options.DataRoot, vol.Name, ino);
        }

        return spaces.AddOrUpdate(vol.Name, fresh, (_, old) => old.Ino == ino ? old : fresh);
    }

    private static VolumeSpace Detect(Volume vol, ulong ino)
    {
        var dev = FsCapacity.Extra(Fs.Fstat(vol.Root, FsOp.Volume)).Dev;
        if (Fs.TryStatAt(vol.Root, "..", follow: false, out var parent) == 0 && FsCapacity.Extra(parent).Dev != dev)
        {
            return new VolumeSpace(vol.Name, ino, SpaceSource.Mount, 0);
        }

        if (Fs.TryOpenAt(vol.Root, ".", Libc.O_RDONLY | Libc.O_DIRECTORY, 0, out var dir) == 0)
        {
            using (dir)
            {
                var project = FsCapacity.ProjectId(dir!);
                if (project != 0 && FsCapacity.TryProjectQuota(dir!, project, out _, out _))
                {
                    return new VolumeSpace(vol.Name, ino, SpaceSource.ProjectQuota, project);
                }
            }
        }

        return new VolumeSpace(vol.Name, ino, SpaceSource.Counter, 0);
    }

    private void MaybeStartWalk(VolumeSpace s)
    {
        var interval = options.CapacityWalkInterval;
        if (s.Source != SpaceSource.Counter || interval <= TimeSpan.Zero || interval == Timeout.InfiniteTimeSpan)
        {
            return;
        }

        lock (s.Gate)
        {
            if (s.Walking || (s.LastWalkEnd is { } last && time.GetUtcNow() - last < interval))
            {
                return;
            }

            StartWalkLocked(s, CancellationToken.None);
        }
    }

    private Task StartWalkLocked(VolumeSpace s, CancellationToken cancellationToken)
    {
        s.Walking = true;
        s.WalkDelta = 0;
        s.SharedChangesAtWalkStart = s.Shared is not null && s.Shared.TryRead(out _, out var changes) ? changes : 0;
        var startNs = (time.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks * 100;
        s.WalkTask = Task.Run(() => WalkAsync(s, startNs, cancellationToken), CancellationToken.None);
        return s.WalkTask;
    }

    private async Task WalkAsync(VolumeSpace s, long startNs, CancellationToken cancellationToken)
    {
        long? total = null;
        try
        {
            using var vol = volumes.Open(s.Name);
            if (vol.State.Ino == s.Ino)
            {
                total = await UsageWalker.SumAsync(vol, startNs, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is S3Exception or IOException or OperationCanceledException)
        {
            LogWalkFailed(logger, s.Name, ex.Message);
        }
        finally
        {
            lock (s.Gate)
            {
                if (total is { } t)
                {
                    var before = s.Tracked;
                    s.Tracked = s.Shared is not null && s.Shared.TryCorrect(t, s.SharedChangesAtWalkStart, out var shared)
                        ? shared
                        : Math.Max(0, t + s.WalkDelta);
                    LogWalked(logger, s.Name, before, s.Tracked);
                }

                s.Walking = false;
                s.LastWalkEnd = time.GetUtcNow();
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Capacity walk of volume {Volume}: counter {Before} corrected to {After} bytes")]
    private static partial void LogWalked(ILogger logger, string volume, long before, long after);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Capacity walk of volume {Volume} failed: {Reason}")]
    private static partial void LogWalkFailed(ILogger logger, string volume, string reason);
}
