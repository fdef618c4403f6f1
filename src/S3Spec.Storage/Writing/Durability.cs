using Microsoft.Win32.SafeHandles;
using S3Spec.Posix;
using S3Spec.Storage.Posix;

namespace S3Spec.Storage.Writing;

/// <summary>
/// The fsyncs of durable writes (docs/storage.md "Durability"): a finished temp file is fsynced by its writer before
/// the rename, the directory the rename went into after it, each by the writer itself (concurrent fsyncs already share
/// journal commits in the kernel; a group commit in the server was measured slower and dropped). A failed fsync fails
/// the write (StorageUnavailable for EIO).
/// </summary>
internal sealed class Durability(ISyncPrimitive sync)
{
    /// <summary>Returns once the data of <paramref name="file"/> (written before the call) is on disk.</summary>
    public ValueTask FileAsync(SafeFileHandle file)
    {
        var e = sync.Fsync(file);
        return e == 0 ? ValueTask.CompletedTask : throw FsErrors.Map(e, FsOp.Write, "fsync");
    }

    /// <summary>
    /// Returns once the entries of <paramref name="dir"/> (renamed before the call) are on disk. An fsync the
    /// filesystem refuses for a directory (EINVAL, EOPNOTSUPP, ENOSYS) counts as done.
    /// </summary>
    public ValueTask DirectoryAsync(SafeFileHandle dir)
    {
        var e = sync.Fsync(dir);
        return e is 0 or Errno.EINVAL or Errno.EOPNOTSUPP or Errno.ENOSYS
            ? ValueTask.CompletedTask
            : throw FsErrors.Map(e, FsOp.Write, "fsync of the directory");
    }
}
