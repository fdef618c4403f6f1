using S3Spec.Storage.Capacity;
using S3Spec.Storage.Posix;

namespace S3Spec.Storage.Writing;

/// <summary>Starts <see cref="StagedWrite"/>s: the staging folder and the capacity accounting they share.</summary>
internal sealed class StagedWrites(Staging staging, CapacityTracker capacity, Durability durability)
{
    public StagedWrite Begin(Volume vol) => new(staging, vol, capacity.Begin(vol), durability);

    /// <summary>A write whose bytes are already in <paramref name="adopted"/> (Complete publishing the placed parts' data file).</summary>
    public StagedWrite Adopt(Volume vol, TempFile adopted) => new(staging, vol, capacity.Begin(vol), durability, adopted);
}
