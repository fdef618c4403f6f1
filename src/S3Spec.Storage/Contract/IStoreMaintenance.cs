namespace S3Spec.Storage.Contract;

/// <summary>
/// What the host, its maintenance service and the operator's command do to a data root besides S3 operations:
/// create and remove volumes (with the configured mode and owner; never through a mount), crash recovery, sweeping
/// abandoned uploads, hashing files written outside the API and counting a volume's usage. Failures are
/// <see cref="S3Spec.Core.Errors.S3Exception"/>s from the error table, as in <see cref="IObjectStore"/>.
/// </summary>
public interface IStoreMaintenance
{
    /// <summary>Volumes (top-level directories with valid bucket names), sorted by name.</summary>
    IReadOnlyList<VolumeInfo> ListVolumes();

    /// <summary>
    /// Creates the volume directory with the configured directory mode and owner; false when a file, directory or
    /// link of that name exists. <paramref name="createDataRoot"/>: creates a missing data root first (else a missing
    /// data root is NoSuchBucket).
    /// </summary>
    bool CreateVolume(string volume, bool createDataRoot = false);

    /// <summary>
    /// Removes the volume directory: a symbolic link is removed, never followed; a volume with a filesystem mounted at
    /// or inside it, or (without <paramref name="force"/>) one that holds objects or pending uploads, is refused.
    /// </summary>
    VolumeRemoval RemoveVolume(string volume, bool force);

    /// <summary>
    /// Recovery after a crash, at start and then periodically: in every volume's staging folder, removes temp files
    /// whose writer is gone (of any replica) and returns completes that a dead process left claimed. Never walks a volume.
    /// </summary>
    Task RecoverAsync(CancellationToken cancellationToken);

    /// <summary>Aborts uploads of every volume untouched for longer than <paramref name="olderThan"/> (one sweeper at a time, also across replicas). Returns how many.</summary>
    Task<int> AbortStaleUploadsAsync(TimeSpan olderThan, CancellationToken cancellationToken);

    /// <summary>Computes and stores true MD5 ETags for a volume's files written outside the API (throttled, resumable, one runner at a time).</summary>
    Task<HashReport> HashExternalObjectsAsync(string volume, HashOptions options, CancellationToken cancellationToken);

    /// <summary>
    /// The volume's usage after a correcting walk where its used bytes come from the counter (exact sources need
    /// none). For one-shot tools such as the admin command; the server never waits for a walk.
    /// </summary>
    Task<VolumeUsage> CountVolumeUsageAsync(string volume, CancellationToken cancellationToken);
}
