using System.Runtime.InteropServices;

namespace S3Spec.Posix;

/// <summary>statvfs, the project-id ioctl and quotactl_fd (Linux, glibc, 64-bit layouts).</summary>
public static unsafe partial class Libc
{
    public const long SYS_quotactl_fd = 443;
    public const uint Q_GETQUOTA = 0x800007;
    public const uint PRJQUOTA = 2;
    public const nuint FS_IOC_FSGETXATTR = 0x801C581F;

    [StructLayout(LayoutKind.Sequential)]
    public struct StatVfs
    {
        public ulong Bsize;
        public ulong Frsize;
        public ulong Blocks;
        public ulong Bfree;
        public ulong Bavail;
        public ulong Files;
        public ulong Ffree;
        public ulong Favail;
        public ulong Fsid;
        public ulong Flag;
        public ulong Namemax;
        public fixed int Spare[6];
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct IfDqblk
    {
        public ulong BHardLimit;
        public ulong BSoftLimit;
        public ulong CurSpace;
        public ulong IHardLimit;
        public ulong ISoftLimit;
        public ulong CurInodes;
        public ulong BTime;
        public ulong ITime;
        public uint Valid;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct FsXattr
    {
        public uint XFlags;
        public uint ExtSize;
        public uint NExtents;
        public uint ProjId;
        public uint CowExtSize;
        public fixed byte Pad[8];
    }

    [LibraryImport(Lib, EntryPoint = "fstatvfs", SetLastError = true)]
    public static partial int Fstatvfs(int fd, StatVfs* buf);

    [LibraryImport(Lib, EntryPoint = "ioctl", SetLastError = true)]
    public static partial int Ioctl(int fd, nuint request, void* arg);

    [LibraryImport(Lib, EntryPoint = "syscall", SetLastError = true)]
    private static partial long Syscall(long number, long a1, long a2, long a3, void* a4);

    /// <summary>quotactl_fd(2) (no glibc wrapper): -1 and errno on failure.</summary>
    public static long QuotactlFd(int fd, uint cmd, uint id, void* addr) => Syscall(SYS_quotactl_fd, fd, cmd, id, addr);
}
