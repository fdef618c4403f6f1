using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Win32.SafeHandles;
using S3Spec.Core.Errors;
using S3Spec.Posix;
using S3Spec.Storage.Posix;

namespace S3Spec.Storage.Writing;

/// <summary>
/// Exclusive lock of one key, held around the final check + rename of every publish of that key, across threads,
/// processes and replicas: an open-file-description write lock (F_OFD_SETLKW) on one byte of the volume's shared
/// <c>.s3compat_uploads/keys.lock</c>, the byte chosen by sha256(key). The file is made once per volume by an atomic
/// rename (<see cref="Staging.OpenShared"/>), so no two writers ever create it at the same time; the lock is released
/// explicitly before the descriptor closes. Where a filesystem refuses OFD locks, a flock of the whole file stands in
/// (every publish of the volume then waits for the one before it). Design and the GlusterFS findings behind it:
/// docs/replicas.md, "Key locks".
/// </summary>
internal sealed class KeyLock : IDisposable
{
    /// <summary>Where versions before the shared lock file kept one lock file per key; housekeeping removes them.</summary>
    public const string LocksDir = ".locks";

    public const string LockFile = "keys.lock";

    private readonly SafeFileHandle file;
    private readonly long offset;
    private readonly bool whole;

    private KeyLock(SafeFileHandle file, long offset, bool whole)
    {
        this.file = file;
        this.offset = offset;
        this.whole = whole;
    }

    public static KeyLock Acquire(Staging staging, Volume vol, string key)
    {
        using var root = staging.OpenRoot(vol, create: true)!;
        var h = staging.OpenShared(root, LockFile);
        var offset = Offset(key);
        var e = Fs.LockRangeWait(h, offset, 1);
        var whole = false;
        if (e is Errno.EINVAL or Errno.ENOLCK or Errno.EOPNOTSUPP or Errno.ENOSYS)
        {
            whole = true;
            e = Fs.TryFlock(h, Libc.LOCK_EX);
        }

        if (e != 0)
        {
            h.Dispose();
            throw FsErrors.Map(e, FsOp.Write, "lock key");
        }

        return new KeyLock(h, offset, whole);
    }

    /// <summary>The byte of <see cref="LockFile"/> that stands for <paramref name="key"/>: 62 bits of sha256(key).</summary>
    internal static long Offset(string key)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(key), hash);
        return (long)(BinaryPrimitives.ReadUInt64BigEndian(hash) >> 2);
    }

    /// <summary>Removes per-key lock files of earlier versions (in <see cref="LocksDir"/>) older than <paramref name="cutoff"/> that nobody holds (lazy cleaning).</summary>
    public static void RemoveIdle(SafeFileHandle locksDir, DateTimeOffset cutoff)
    {
        var entries = new List<DirEntry>();
        Fs.TryReadDir(locksDir, entries, null);
        foreach (var entry in entries)
        {
            if (Fs.TryStatAt(locksDir, entry.Name, follow: false, out var st) != 0 || !st.IsRegular || st.LastModified >= cutoff
                || Beneath.TryOpen(locksDir, entry.Name, Libc.O_RDONLY | Libc.O_NOFOLLOW | Libc.O_NONBLOCK, 0, out var h) != 0)
            {
                continue;
            }

            using (h)
            {
                if (Fs.TryFlock(h!, Libc.LOCK_EX | Libc.LOCK_NB) == 0
                    && Fs.TryStatAt(locksDir, entry.Name, follow: false, out var now) == 0 && now.Ino == Fs.Fstat(h!, FsOp.Write).Ino)
                {
                    Fs.TryUnlinkAt(locksDir, entry.Name, false);
                }
            }
        }
    }

    public void Dispose()
    {
        _ = whole ? Fs.TryFlock(file, Libc.LOCK_UN) : Fs.UnlockRange(file, offset, 1);
        file.Dispose();
    }
}
