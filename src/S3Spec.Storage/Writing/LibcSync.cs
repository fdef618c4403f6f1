using Microsoft.Win32.SafeHandles;
using S3Spec.Posix;
using S3Spec.Storage.Posix;

namespace S3Spec.Storage.Writing;

/// <summary>The flush calls of the server: fsync(2) and sync_file_range(2) with SYNC_FILE_RANGE_WRITE.</summary>
internal sealed class LibcSync : ISyncPrimitive
{
    public static readonly LibcSync Instance = new();

    public int Fsync(SafeFileHandle handle) => Libc.Fsync(Fs.Fd(handle)) < 0 ? Libc.Errno : 0;

    public int StartWriteback(SafeFileHandle handle) =>
        Libc.SyncFileRange(Fs.Fd(handle), 0, 0, Libc.SYNC_FILE_RANGE_WRITE) < 0 ? Libc.Errno : 0;
}
