using Microsoft.Win32.SafeHandles;
using S3Spec.Posix;
using S3Spec.Storage.Posix;

namespace S3Spec.Storage.Listing;

/// <summary>
/// What kind of filesystem holds a folder, from fstatfs's type magic: one whose timestamps come from this machine's
/// clock and whose caches are this kernel's ("local"), a FUSE client (GlusterFS, …), an NFS client (also EFS), a
/// CephFS client, or anything else ("other", treated as a network filesystem). The kinds of the filesystems table
/// in deploy/kubernetes/README.md.
/// </summary>
internal static unsafe class FilesystemKind
{
    public const string Local = "local";
    public const string Fuse = "fuse";
    public const string Nfs = "nfs";
    public const string CephFs = "cephfs";
    public const string Other = "other";

    /// <summary>The kind of a filesystem type magic (f_type).</summary>
    public static string Of(long type) => (uint)type switch
    {
        0xEF53 or 0x58465342 or 0x01021994 or 0x9123683E or 0x794C7630 or 0x2FC12FC1 or 0xF2F52010 or 0x858458F6
            or 0x3153464A or 0x52654973 => Local, // ext2/3/4, XFS, tmpfs, Btrfs, overlayfs, ZFS, F2FS, ramfs, JFS, ReiserFS
        0x65735546 => Fuse,
        0x6969 => Nfs,
        0x00C36400 => CephFs,
        _ => Other,
    };

    /// <summary>The kind of the filesystem holding <paramref name="h"/>; "other" when fstatfs fails.</summary>
    public static string Of(SafeFileHandle h)
    {
        Libc.StatFs s;
        return Libc.Fstatfs(Fs.Fd(h), &s) < 0 ? Other : Of(s.Type);
    }
}
