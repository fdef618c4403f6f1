using S3Spec.Storage.Capacity;
using S3Spec.Storage.Multipart;

namespace S3Spec.Storage;

/// <summary>Capacity (quota, used and free bytes) and the abandoned-upload sweeper. See docs/storage.md "Capacity", "Sweeper".</summary>
public sealed partial class PosixObjectStore
{
    private readonly CapacityTracker capacity;
    private readonly UploadSweeper sweeper;

    /// <summary>The capacity tracker (exposed for its test seam: walks run on demand).</summary>
    internal CapacityTracker Capacity => capacity;

    public VolumeUsage GetVolumeUsage(string volume)
    {
        using var vol = volumes.Open(volume);
        return capacity.Usage(vol);
    }

    public Task<int> AbortStaleUploadsAsync(TimeSpan olderThan, CancellationToken cancellationToken) =>
        sweeper.SweepAsync(olderThan, cancellationToken);

    private Task<ObjectInfo> WithStagedAccountingAsync(string volume, string key, string uploadId, Func<Task<ObjectInfo>> complete) =>
        WithStagedAccountingAsync(volume, key, uploadId, complete, static r => r.Size);

    private Task WithStagedAccountingAsync(string volume, string uploadId, Func<Task> abort) =>
        WithStagedAccountingAsync(volume, null, uploadId, async () =>
        {
            await abort().ConfigureAwait(false);
            return true;
        }, static _ => 0);

    /// <summary>
    /// Complete and Abort: the upload's staged parts leave the counter; a Complete adds the assembled object and frees
    /// the object it replaced. Nothing is counted when the upload folder did not exist (a retried Complete).
    /// </summary>
    private async Task<T> WithStagedAccountingAsync<T>(string volume, string? key, string uploadId, Func<Task<T>> operation, Func<T, long> sizeOf)
    {
        long? staged = null;
        long replaced = 0;
        if (UploadIds.IsValid(uploadId) && volumes.Get(volume) is not null)
        {
            using var vol = volumes.Open(volume);
            using var root = staging.OpenRoot(vol, create: false);
            staged = root is null ? null : CapacityTracker.StagedBytes(root, uploadId);
            if (staged is not null && key is not null && !ObjectKey.IsDirectoryKey(key))
            {
                replaced = CapacityTracker.ObjectSize(vol, ObjectKey.Parse(key));
            }
        }

        var result = await operation().ConfigureAwait(false);
        if (staged is { } s)
        {
            using var vol = volumes.Open(volume);
            capacity.Adjust(vol, sizeOf(result) - s - replaced);
        }

        return result;
    }
}
