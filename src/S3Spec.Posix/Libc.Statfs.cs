using System.Runtime.InteropServices;

namespace S3Spec.Posix;

/// <summary>fstatfs (Linux, glibc, 64-bit layout): only the filesystem's type magic is read.</summary>
public static unsafe partial class Libc
{
    [StructLayout(LayoutKind.Sequential)]
    public struct StatFs
    {
        /// <summary>f_type: the filesystem's magic number (linux/magic.h).</summary>
        public long Type;

        /// <summary>f_bsize … f_spare (120 bytes in all on x86-64 and arm64; room for more).</summary>
        public fixed long Rest[19];
    }

    [LibraryImport(Lib, EntryPoint = "fstatfs", SetLastError = true)]
    public static partial int Fstatfs(int fd, StatFs* buf);
}
