using S3Spec.Storage.Contract;
using S3Spec.Storage.Posix;

namespace S3Spec.Storage.Capacity;

/// <summary>
/// Complete and Abort in the capacity counter: the upload's staged parts leave it; a Complete adds the assembled
/// object and frees the object it replaced. Nothing is counted when the upload folder did not exist (a retried
/// Complete). Parts and objects themselves are counted by their staged writes.
/// </summary>
internal sealed class UploadAccounting(CapacityTracker capacity, VolumeRegistry volumes, Staging staging)
{
    public Task<ObjectInfo> CompleteAsync(string volume, string key, string uploadId, Func<Task<ObjectInfo>> complete) =>
        TrackAsync(volume, key, uploadId, complete, static r => r.Size);

    public Task AbortAsync(string volume, string uploadId, Func<Task> abort) =>
        TrackAsync(volume, null, uploadId, async () =>
        {
            await abort().ConfigureAwait(false);
            return true;
        }, static _ => 0);

    private async Task<T> TrackAsync<T>(string volume, string? key, string uploadId, Func<Task<T>> operation, Func<T, long> sizeOf)
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
