using System.Runtime.InteropServices;

namespace S3Spec.Posix;

/// <summary>struct statx (256 bytes; identical on every Linux architecture).</summary>
[StructLayout(LayoutKind.Explicit, Size = 256)]
public struct StatxBuffer
{
    [FieldOffset(0)] public uint Mask;
    [FieldOffset(16)] public uint Nlink;
    [FieldOffset(20)] public uint Uid;
    [FieldOffset(24)] public uint Gid;
    [FieldOffset(28)] public ushort Mode;
    [FieldOffset(32)] public ulong Ino;
    [FieldOffset(40)] public ulong Size;
    [FieldOffset(48)] public ulong Blocks;
    [FieldOffset(80)] public long BtimeSec;
    [FieldOffset(88)] public uint BtimeNsec;
    [FieldOffset(96)] public long CtimeSec;
    [FieldOffset(104)] public uint CtimeNsec;
    [FieldOffset(112)] public long MtimeSec;
    [FieldOffset(120)] public uint MtimeNsec;
    [FieldOffset(136)] public uint DevMajor;
    [FieldOffset(140)] public uint DevMinor;

    public readonly bool IsRegular => (Mode & Libc.S_IFMT) == Libc.S_IFREG;
    public readonly bool IsDirectory => (Mode & Libc.S_IFMT) == Libc.S_IFDIR;
    public readonly bool IsSymlink => (Mode & Libc.S_IFMT) == Libc.S_IFLNK;
    public readonly long MtimeNs => (MtimeSec * 1_000_000_000L) + MtimeNsec;
    public readonly long CtimeNs => (CtimeSec * 1_000_000_000L) + CtimeNsec;
    public readonly ulong Dev => ((ulong)DevMajor << 32) | DevMinor;
    /// <summary>Bytes the file occupies: its size, or less where it has holes (512-byte blocks allocated).</summary>
    public readonly long UsedBytes => (long)Math.Min(Size, Blocks * 512);

    public readonly bool HasBirthTime => (Mask & Libc.STATX_BTIME) != 0;

    public readonly DateTimeOffset LastModified =>
        DateTimeOffset.FromUnixTimeSeconds(MtimeSec).AddTicks(MtimeNsec / 100);

    public readonly DateTimeOffset Created => HasBirthTime
        ? DateTimeOffset.FromUnixTimeSeconds(BtimeSec).AddTicks(BtimeNsec / 100)
        : LastModified;
}
