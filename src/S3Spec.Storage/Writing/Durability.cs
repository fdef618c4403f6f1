using System.Runtime.CompilerServices;
using Microsoft.Win32.SafeHandles;
using S3Spec.Storage.Posix;

namespace S3Spec.Storage.Writing;

/// <summary>
/// The fsyncs of durable writes, per volume: one <see cref="SyncGroup"/> for the finished temp files, one for the
/// directories the renames went into (docs/storage.md "Group commit"). A failed fsync fails every write of its
/// round (StorageUnavailable for EIO).
/// </summary>
internal sealed class Durability(ISyncPrimitive sync)
{
    private readonly ConditionalWeakTable<VolumeState, Groups> groups = [];

    /// <summary>Returns once the data of <paramref name="file"/> (written before the call) is on disk.</summary>
    public async ValueTask FileAsync(Volume vol, SafeFileHandle file)
    {
        var e = await GroupsOf(vol).Files.FlushAsync(file).ConfigureAwait(false);
        if (e != 0)
        {
            throw FsErrors.Map(e, FsOp.Write, "fsync");
        }
    }

    /// <summary>Returns once the entries of <paramref name="dir"/> (renamed before the call) are on disk.</summary>
    public async ValueTask DirectoryAsync(Volume vol, SafeFileHandle dir)
    {
        var e = await GroupsOf(vol).Directories.FlushAsync(dir).ConfigureAwait(false);
        if (e != 0)
        {
            throw FsErrors.Map(e, FsOp.Write, "fsync of the directory");
        }
    }

    private Groups GroupsOf(Volume vol) =>
        groups.TryGetValue(vol.State, out var g) ? g : groups.GetValue(vol.State, _ => new Groups(new SyncGroup(sync, directories: false), new SyncGroup(sync, directories: true)));

    private sealed record Groups(SyncGroup Files, SyncGroup Directories);
}
