using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using S3Spec.Posix;
using S3Spec.Storage.Posix;

namespace S3Spec.Storage.Capacity;

/// <summary>
/// The used-bytes counter of one volume, shared by every process over the data root (replicas, docs/replicas.md
/// "Capacity"): <c>&lt;DataRoot&gt;/.s3spec/usage/&lt;volume&gt;.&lt;root inode&gt;</c>, 16 bytes: the counted bytes and
/// the running sum of every change applied (so that a walk can add what changed while it ran), in one 4 KiB block.
/// Every access opens the file with O_DIRECT (where the filesystem refuses it, without), takes an exclusive flock,
/// reads, writes and fsyncs before unlocking and closing: the file is changed in place by several clients, and a
/// FUSE client's page cache kept stale bytes of it even across open and flock (GlusterFS: three replicas each saw
/// their own count); O_DIRECT reads go to the filesystem and the fsync reaches the server before another client can
/// take the lock. The caller serialises its own threads. Any error leaves the caller with its own count (<c>false</c>).
/// </summary>
internal sealed unsafe class SharedUsageFile(string path)
{
    private const int Block = 4096;
    private static readonly int ODirect = RuntimeInformation.ProcessArchitecture is Architecture.Arm64 or Architecture.Arm ? 0x10000 : 0x4000;

    public const string Folder = "usage";

    public string Path => path;

    public static SharedUsageFile For(string dataRoot, string volume, ulong rootIno) =>
        new(System.IO.Path.Combine(System.IO.Path.GetFullPath(dataRoot), ".s3spec", Folder, $"{volume}.{rootIno}"));

    /// <summary>The counted bytes and the sum of changes.</summary>
    public bool TryRead(out long used, out long changes) => TryUpdate(null, out used, out changes);

    /// <summary>Adds <paramref name="delta"/> (clamped at 0) and returns the new count.</summary>
    public bool TryApply(long delta, out long used) => TryUpdate((u, c) => (Math.Max(0, u + delta), c + delta), out used, out _);

    /// <summary>A walk that started when the sum of changes was <paramref name="changesAtStart"/> counted <paramref name="walked"/> bytes.</summary>
    public bool TryCorrect(long walked, long changesAtStart, out long used) =>
        TryUpdate((_, c) => (Math.Max(0, walked + (c - changesAtStart)), c), out used, out _);

    private bool TryUpdate(Func<long, long, (long Used, long Changes)>? change, out long used, out long changes)
    {
        used = changes = 0;
        using var h = Open();
        if (h is null || Fs.TryFlock(h, Libc.LOCK_EX) != 0)
        {
            return false;
        }

        var block = (byte*)NativeMemory.AlignedAlloc(Block, Block);
        try
        {
            var bytes = new Span<byte>(block, Block);
            bytes.Clear();
            _ = RandomAccess.Read(h, bytes, 0);
            used = BitConverter.ToInt64(bytes[..8]);
            changes = BitConverter.ToInt64(bytes[8..16]);
            if (change is not null)
            {
                (used, changes) = change(used, changes);
                BitConverter.TryWriteBytes(bytes[..8], used);
                BitConverter.TryWriteBytes(bytes[8..16], changes);
                RandomAccess.Write(h, bytes, 0);
                if (Libc.Fsync(Fs.Fd(h)) != 0)
                {
                    return false;
                }
            }

            return true;
        }
        catch (IOException)
        {
            return false;
        }
        finally
        {
            NativeMemory.AlignedFree(block);
            Fs.TryFlock(h, Libc.LOCK_UN);
        }
    }

    private SafeFileHandle? Open()
    {
        var fd = OpenFile();
        if (fd < 0 && Libc.Errno == Errno.ENOENT)
        {
            try
            {
                Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
                AtomicFile.CreateIfMissing(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return null;
            }

            fd = OpenFile();
        }

        return fd < 0 ? null : Fs.Wrap(fd);
    }

    private int OpenFile()
    {
        var flags = Libc.O_RDWR | Libc.O_CLOEXEC | Libc.O_NOFOLLOW;
        var fd = Libc.OpenAt(Libc.AT_FDCWD, path, flags | ODirect, 0);
        return fd < 0 && Libc.Errno == Errno.EINVAL ? Libc.OpenAt(Libc.AT_FDCWD, path, flags, 0) : fd;
    }
}
