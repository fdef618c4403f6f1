using Microsoft.Win32.SafeHandles;
using S3Spec.Posix;
using S3Spec.Storage.Posix;

namespace S3Spec.Storage.Capacity;

/// <summary>Free and used space of a filesystem, project ids and project quotas, in bytes (declarations: Libc.Quota in S3Spec.Posix).</summary>
internal static unsafe class FsCapacity
{
    public const int EWOULDBLOCK = 11;

    /// <summary>The filesystem holding <paramref name="h"/>: total, used and available (to unprivileged users) bytes.</summary>
    public static bool TryFsSpace(SafeFileHandle h, out FsSpace space)
    {
        Libc.StatVfs s;
        if (Libc.Fstatvfs(Fs.Fd(h), &s) < 0)
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
        Libc.FsXattr x;
        return Libc.Ioctl(Fs.Fd(dir), Libc.FS_IOC_FSGETXATTR, &x) < 0 ? 0 : x.ProjId;
    }

    /// <summary>Project quota usage (quotactl_fd Q_GETQUOTA PRJQUOTA): bytes used and the hard limit (0 = none).</summary>
    public static bool TryProjectQuota(SafeFileHandle anyFd, uint projectId, out long used, out long hardLimit)
    {
        Libc.IfDqblk q;
        var cmd = (Libc.Q_GETQUOTA << 8) | Libc.PRJQUOTA;
        if (Libc.QuotactlFd(Fs.Fd(anyFd), cmd, projectId, &q) < 0)
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
