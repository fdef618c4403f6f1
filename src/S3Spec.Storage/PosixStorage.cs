using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using S3Spec.Storage.Contract;

namespace S3Spec.Storage;

/// <summary>Makes the POSIX storage for hosts and tools that hold only the contract's interfaces.</summary>
public static class PosixStorage
{
    /// <summary>
    /// The maintenance of a new store over <paramref name="options"/>'s data root, for a one-shot tool (the admin
    /// command sets <see cref="StorageOptions.CapacityWalkInterval"/> to infinite: usage is counted on demand).
    /// </summary>
    public static IStoreMaintenance CreateMaintenance(StorageOptions options, TimeProvider time, ILogger<PosixObjectStore>? logger = null) =>
        new PosixObjectStore(options, time, logger ?? NullLogger<PosixObjectStore>.Instance).Maintenance;
}
