using Microsoft.Win32.SafeHandles;
using S3Spec.Core.Errors;

namespace S3Spec.Storage.Capacity;

/// <summary>
/// The space one write (object, part, copy) takes while it runs. <see cref="Require"/> refuses a declared length above
/// the free space before anything is written; <see cref="Grow"/> follows the running byte count against the quota;
/// <see cref="Commit"/> turns the reservation into used bytes (minus what the write replaced); disposing without a
/// commit releases it. Not thread-safe: one writer.
/// </summary>
internal sealed class SpaceReservation(CapacityTracker tracker, VolumeSpace space, SafeFileHandle root) : IDisposable
{
    private long reserved;
    private bool committed;

    /// <summary>Pre-check of a declared length: InsufficientStorage when it exceeds the free space (quota or disk).</summary>
    public void Require(long length)
    {
        if (length <= reserved)
        {
            return;
        }

        var disk = tracker.DiskAvailable(root);
        if (disk is { } available && length - reserved > available)
        {
            throw Full();
        }

        Take(length);
    }

    /// <summary>The write has produced <paramref name="total"/> bytes: InsufficientStorage when that crosses the quota.</summary>
    public void Grow(long total)
    {
        if (total > reserved)
        {
            Take(total);
        }
    }

    /// <summary>The write was published: <paramref name="size"/> bytes are now used and <paramref name="freed"/> (the replaced file) are not.</summary>
    public void Commit(long size, long freed)
    {
        if (space.Source == SpaceSource.Counter)
        {
            lock (space.Gate)
            {
                space.InFlight -= reserved;
                space.ApplyLocked(size - freed);
            }
        }

        reserved = 0;
        committed = true;
    }

    public void Dispose()
    {
        if (!committed && reserved > 0 && space.Source == SpaceSource.Counter)
        {
            lock (space.Gate)
            {
                space.InFlight -= reserved;
            }
        }

        reserved = 0;
        committed = true;
    }

    private void Take(long total)
    {
        var need = total - reserved;
        var quota = tracker.Quotas.Get(space.Name);
        if (space.Source == SpaceSource.Counter)
        {
            lock (space.Gate)
            {
                // What every replica committed (the shared counter): read at the reservation's start, then at most
                // every SharedRefresh while the body grows.
                space.RefreshLocked(tracker.Now, force: reserved == 0, CapacityTracker.SharedRefresh);
                if (quota is { } q && space.Tracked + space.InFlight + need > q)
                {
                    throw Full();
                }

                space.InFlight += need;
            }
        }
        else
        {
            // The filesystem already counts the bytes this write has produced: check only the new ones.
            var (used, limit) = tracker.ExactUsed(space, root);
            if ((quota ?? limit) is { } q && used + need > q)
            {
                throw Full();
            }
        }

        reserved = total;
    }

    private static S3Exception Full() =>
        new(S3Errors.InsufficientStorage, "The volume does not have enough free space (quota or disk) for this request.");
}
