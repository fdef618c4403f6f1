using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using S3Spec.Storage.Native;
using S3Spec.Storage.Posix;

namespace S3Spec.Storage.Capacity;

/// <summary>statvfs, the project-id ioctl and quotactl_fd (Linux, glibc, 64-bit layouts).</summary>
internal static unsafe partial class CapacityNative
{
    public const int EWOULDBLOCK = 11;

    private const string Lib = "libc";
    private const long SYS_quotactl_fd = 443;
    private const uint Q_GETQUOTA = 0x800007;
    private const uint PRJQUOTA = 2;
    private const nuint FS_IOC_FSGETXATTR = 0x801C581F;

    [StructLayout(LayoutKind.Sequential)]
    private struct StatVfs
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
    private struct IfDqblk
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
    private struct FsXattr
    {
        public uint XFlags;
        public uint ExtSize;
        public uint NExtents;
        public uint ProjId;
        public uint CowExtSize;
        public fixed byte Pad[8];
    }

    [LibraryImport(Lib, EntryPoint = "fstatvfs", SetLastError = true)]
    private static partial int Fstatvfs(int fd, StatVfs* buf);

    [LibraryImport(Lib, EntryPoint = "ioctl", SetLastError = true)]
    private static partial int Ioctl(int fd, nuint request, void* arg);

    [LibraryImport(Lib, EntryPoint = "syscall", SetLastError = true)]
    private static partial long Syscall(long number, long a1, long a2, long a3, void* a4);

    /// <summary>The filesystem holding <paramref name="h"/>: total, used and available (to unprivileged users) bytes.</summary>
    public static bool TryFsSpace(SafeFileHandle h, out FsSpace space)
    {
        StatVfs s;
        if (Fstatvfs(Fs.Fd(h), &s) < 0)
        {
            space = default;
            return false;
        }

        var unit = (long)s.Frsize;
        space = new FsSpace((long)s.Blocks * unit, (long)(s.Blocks - s.Bfree) * unit, (long)s.Bavail * unit);
        return true;
    }

    /// <summary>The project id of a directory (FS_IOC_FSGETXATTR); 0 when none or unsupported. Needs a non-O_PATH fd.</summary>
    public static uint ProjectId(SafeFileHandle dir)
    {
        FsXattr x;
        return Ioctl(Fs.Fd(dir), FS_IOC_FSGETXATTR, &x) < 0 ? 0 : x.ProjId;
    }

    /// <summary>Project quota usage (quotactl_fd Q_GETQUOTA PRJQUOTA): bytes used and the hard limit (0 = none).</summary>
    public static bool TryProjectQuota(SafeFileHandle anyFd, uint projectId, out long used, out long hardLimit)
    {
        IfDqblk q;
        var cmd = (Q_GETQUOTA << 8) | PRJQUOTA;
        if (Syscall(SYS_quotactl_fd, Fs.Fd(anyFd), cmd, projectId, &q) < 0)
        {
            used = hardLimit = 0;
            return false;
        }

        used = (long)q.CurSpace;
        hardLimit = (long)q.BHardLimit * 1024;
        return true;
    }

    /// <summary>statx extras not in <see cref="StatxBuffer"/>: st_dev, st_nlink and ctime.</summary>
    public static (ulong Dev, uint Nlink, long CtimeNs) Extra(in StatxBuffer st)
    {
        fixed (StatxBuffer* p = &st)
        {
            var b = (byte*)p;
            var dev = ((ulong)*(uint*)(b + 136) << 32) | *(uint*)(b + 140);
            var ctime = (*(long*)(b + 96) * 1_000_000_000L) + *(uint*)(b + 104);
            return (dev, *(uint*)(b + 16), ctime);
        }
    }
}

/// <summary>statvfs numbers in bytes.</summary>
internal readonly record struct FsSpace(long Size, long Used, long Available);
