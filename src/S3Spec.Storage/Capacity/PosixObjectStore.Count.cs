namespace S3Spec.Storage;

/// <summary>Capacity for tools: a fresh process has counted nothing yet, so it counts before it answers.</summary>
public sealed partial class PosixObjectStore
{
    /// <summary>
    /// <see cref="GetVolumeUsage"/> after a correcting walk of the volume where its used bytes come from the counter
    /// (exact sources need none). For one-shot tools such as the admin command; the server never waits for a walk.
    /// </summary>
    public async Task<VolumeUsage> CountVolumeUsageAsync(string volume, CancellationToken cancellationToken)
    {
        await capacity.WalkNowAsync(volume, cancellationToken).ConfigureAwait(false);
        return GetVolumeUsage(volume);
    }
}
