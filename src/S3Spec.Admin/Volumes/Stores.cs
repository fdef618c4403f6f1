using Microsoft.Extensions.Logging.Abstractions;
using S3Spec.Storage;

namespace S3Spec.Admin.Volumes;

/// <summary>The storage layer for one command: no background walks (usage is counted on demand).</summary>
internal static class Stores
{
    public static PosixObjectStore Open(string dataRoot) =>
        new(new StorageOptions { DataRoot = dataRoot, CapacityWalkInterval = Timeout.InfiniteTimeSpan }, TimeProvider.System, NullLogger<PosixObjectStore>.Instance);
}
