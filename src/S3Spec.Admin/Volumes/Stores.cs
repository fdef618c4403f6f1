using S3Spec.Storage;
using S3Spec.Storage.Contract;

namespace S3Spec.Admin.Volumes;

/// <summary>The storage layer's maintenance for one command: no background walks (usage is counted on demand).</summary>
internal static class Stores
{
    public static IStoreMaintenance Open(string dataRoot) =>
        PosixStorage.CreateMaintenance(new StorageOptions { DataRoot = dataRoot, CapacityWalkInterval = Timeout.InfiniteTimeSpan }, TimeProvider.System);
}
