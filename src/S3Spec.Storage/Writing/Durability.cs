using System.Runtime.CompilerServices;
using Microsoft.Win32.SafeHandles;
using S3Spec.Storage.Posix;

namespace S3Spec.Storage.Writing;

/// <summary>
/// The fsyncs of durable writes (docs/storage.md "Durability: group commit"): a finished temp file is fsynced by its
/// writer (concurrent fsyncs of files already share journal commits in the kernel); the directories the renames went
/// into are fsynced in one <see cref="SyncGroup"/> per volume. A failed fsync fails every write of its round
/// (StorageUnavailable for EIO).
/// </summary>
internal sealed class Durability(ISyncPrimitive sync)
{
    private readonly ConditionalWeakTable<VolumeState, SyncGroup> groups = [];

    /// <summary>Returns once the data of <paramref name="file"/> (written before the call) is on disk.</summary>
    public ValueTask FileAsync(SafeFileHandle file)
    {
        var e = sync.Fsync(file);
        return e == 0 ? ValueTask.CompletedTask : throw FsErrors.Map(e, FsOp.Write, "fsync");
    }

    /// <summary>Returns once the entries of <paramref name="dir"/> (renamed before the call) are on disk.</summary>
    public async ValueTask DirectoryAsync(Volume vol, SafeFileHandle dir)
    {
        var e = await GroupOf(vol).FlushAsync(dir).ConfigureAwait(false);
        if (e != 0)
        {
            throw FsErrors.Map(e, FsOp.Write, "fsync of the directory");
        }
    }

    private SyncGroup GroupOf(Volume vol) =>
        groups.TryGetValue(vol.State, out var g) ? g : groups.GetValue(vol.State, _ => new SyncGroup(sync));
}
