using Microsoft.Win32.SafeHandles;
using S3Spec.Posix;
using S3Spec.Storage.Posix;

namespace S3Spec.Storage.Writing;

/// <summary>The flush call of the server: fsync(2).</summary>
internal sealed class LibcSync : ISyncPrimitive
{
    public static readonly LibcSync Instance = new();

    public int Fsync(SafeFileHandle handle) => Libc.Fsync(Fs.Fd(handle)) < 0 ? Libc.Errno : 0;
}
