using S3Spec.Storage.Contract;
using System.Collections.Concurrent;
using Microsoft.Win32.SafeHandles;

namespace S3Spec.Storage.Listing;

/// <summary>
/// The settle time of a directory's snapshot (<see cref="DirSnapshotCache"/>) on the filesystem that holds it: the
/// <see cref="StorageOptions.ListingCacheSettleTime"/> setting where it is set, else the default of the filesystem's
/// kind (<see cref="FilesystemKind"/>, <see cref="StorageOptions.ListingCacheSettleTimes"/>). The kind is probed
/// once per device. See docs/storage.md, "Listing".
/// </summary>
internal sealed class ListingSettleTimes(StorageOptions options)
{
    private readonly ConcurrentDictionary<ulong, TimeSpan> byDevice = new();

    /// <summary>The settle time for the directory <paramref name="dir"/> on device <paramref name="dev"/>.</summary>
    public TimeSpan For(SafeFileHandle dir, ulong dev) =>
        options.ListingCacheSettleTime is { } all ? all : byDevice.GetOrAdd(dev, static (_, s) => s.Self.OfKind(FilesystemKind.Of(s.Dir)), (Self: this, Dir: dir));

    /// <summary>The settle time of a filesystem kind: its configured default, else that of "other".</summary>
    public TimeSpan OfKind(string kind)
    {
        var times = options.ListingCacheSettleTimes;
        return times.TryGetValue(kind, out var t) ? t
            : times.TryGetValue(FilesystemKind.Other, out var other) ? other
            : StorageOptions.DefaultSettleTimes[FilesystemKind.Other];
    }
}
