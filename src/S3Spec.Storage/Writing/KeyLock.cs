using System.Security.Cryptography;
using System.Text;
using Microsoft.Win32.SafeHandles;
using S3Spec.Core.Errors;
using S3Spec.Posix;
using S3Spec.Storage.Posix;

namespace S3Spec.Storage.Writing;

/// <summary>
/// Exclusive flock on <c>.s3compat_uploads/.locks/&lt;hex sha256(key)&gt;</c>, held around the final
/// check + rename of every publish of that key (also excludes other processes on the same filesystem).
/// Closing the descriptor releases the lock.
/// </summary>
internal sealed class KeyLock : IDisposable
{
    public const string LocksDir = ".locks";
    private const int Attempts = 100;

    private readonly SafeFileHandle file;

    private KeyLock(SafeFileHandle file) => this.file = file;

    public static KeyLock Acquire(Staging staging, Volume vol, string key)
    {
        using var root = staging.OpenRoot(vol, create: true)!;
        using var dir = staging.OpenDir(root, LocksDir, create: true)!;
        var name = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var e = Beneath.TryOpen(dir, name, Libc.O_RDONLY | Libc.O_CREAT | Libc.O_NOFOLLOW, staging.Ownership.CreateFileMode, out var h);
            if (e != 0)
            {
                throw FsErrors.Map(e, FsOp.Write, "open key lock");
            }

            e = Fs.TryFlock(h!, Libc.LOCK_EX);
            if (e != 0)
            {
                h!.Dispose();
                throw FsErrors.Map(e, FsOp.Write, "flock key lock");
            }

            // The cleaner unlinks a lock file only while holding its lock: a file locked after being unlinked is
            // no longer the key's lock, so check that the name still points to the locked inode.
            if (Fs.TryStatAt(dir, name, follow: false, out var st) == 0 && st.Ino == Fs.Fstat(h!, FsOp.Write).Ino)
            {
                return new KeyLock(h!);
            }

            h!.Dispose();
        }

        throw new S3Exception(S3Errors.InternalError, "The key's lock file could not be acquired.");
    }

    /// <summary>Removes lock files older than <paramref name="cutoff"/> that nobody holds (lazy cleaning).</summary>
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

    public void Dispose() => file.Dispose();
}
