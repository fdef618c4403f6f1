using S3Spec.Storage.Capacity;
using S3Spec.Storage.Contract;
using S3Spec.Storage.Maintenance;
using S3Spec.Storage.Posix;

namespace S3Spec.Storage;

/// <summary>
/// <see cref="IStoreMaintenance"/> of a <see cref="PosixObjectStore"/>, over the same parts (its counters see the
/// sweeper's aborts).
/// </summary>
internal sealed class PosixStoreMaintenance(
    StorageOptions options, VolumeRegistry volumes, CapacityTracker capacity, Recovery recovery, UploadSweeper sweeper, ExternalHasher hasher, VolumeCreator creator)
    : IStoreMaintenance
{
    public IReadOnlyList<VolumeInfo> ListVolumes() => volumes.List();

    public bool CreateVolume(string volume, bool createDataRoot = false) => creator.Create(volume, createDataRoot);

    public VolumeRemoval RemoveVolume(string volume, bool force) =>
        BucketName.IsValid(volume)
            ? VolumeRemover.Remove(Path.Combine(Path.GetFullPath(options.DataRoot), volume), force)
            : new VolumeRemoval(VolumeRemovalOutcome.NotFound);

    public Task RecoverAsync(CancellationToken cancellationToken) => Task.Run(recovery.RecoverAll, cancellationToken);

    public Task<int> AbortStaleUploadsAsync(TimeSpan olderThan, CancellationToken cancellationToken) =>
        sweeper.SweepAsync(olderThan, cancellationToken);

    public Task<HashReport> HashExternalObjectsAsync(string volume, HashOptions options, CancellationToken cancellationToken) =>
        hasher.RunAsync(volume, options ?? new HashOptions(), cancellationToken);

    public async Task<VolumeUsage> CountVolumeUsageAsync(string volume, CancellationToken cancellationToken)
    {
        await capacity.WalkNowAsync(volume, cancellationToken).ConfigureAwait(false);
        using var vol = volumes.Open(volume);
        return capacity.Usage(vol);
    }
}
