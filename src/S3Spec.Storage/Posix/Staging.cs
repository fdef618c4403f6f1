using Microsoft.Win32.SafeHandles;
using S3Spec.Core.Errors;
using S3Spec.Posix;
using S3Spec.Storage.Contract;

namespace S3Spec.Storage.Posix;

/// <summary>The staging folder <c>.s3compat_uploads</c> of a volume and its sub-folders (.tmp, .meta, uploads).</summary>
internal sealed class Staging(Ownership ownership)
{
    public const string TmpDir = ".tmp";
    public const string MetaDir = ".meta";

    public Ownership Ownership { get; } = ownership;

    /// <summary>Opens (O_RDONLY|O_DIRECTORY) the staging folder, creating it when asked; null when absent.</summary>
    public SafeFileHandle? OpenRoot(Volume vol, bool create) => OpenDir(vol.Root, ObjectKey.StagingFolder, create);

    public SafeFileHandle? OpenDir(SafeFileHandle parent, string name, bool create)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var e = Beneath.TryOpen(parent, name, Libc.O_RDONLY | Libc.O_DIRECTORY | Libc.O_NOFOLLOW, 0, out var h);
            if (e == 0)
            {
                return h;
            }

            if (e != Errno.ENOENT)
            {
                throw FsErrors.Map(e, FsOp.Staging, "open staging " + name);
            }

            if (!create)
            {
                return null;
            }

            e = Fs.TryMkdirAt(parent, name, Ownership.CreateDirMode);
            if (e != 0 && e != Errno.EEXIST)
            {
                throw FsErrors.Map(e, FsOp.Write, "mkdir staging");
            }

            if (e == 0 && Beneath.TryOpen(parent, name, Libc.O_RDONLY | Libc.O_DIRECTORY | Libc.O_NOFOLLOW, 0, out var created) == 0)
            {
                Ownership.Apply(created!, directory: true);
                return created;
            }
        }

        throw new S3Exception(S3Errors.InternalError, "The staging folder could not be created.");
    }

    public SafeFileHandle OpenTmp(Volume vol)
    {
        using var root = OpenRoot(vol, create: true)!;
        return OpenDir(root, TmpDir, create: true)!;
    }

    /// <summary>Creates a new empty temp file (O_EXCL) with the configured mode and owner.</summary>
    public SafeFileHandle CreateFile(SafeFileHandle dir, out string name)
    {
        for (var attempt = 0; ; attempt++)
        {
            name = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(12)) + ".tmp";
            var e = Beneath.TryOpen(dir, name, Libc.O_RDWR | Libc.O_CREAT | Libc.O_EXCL | Libc.O_NOFOLLOW, Ownership.CreateFileMode, out var h);
            if (e == 0)
            {
                try
                {
                    Ownership.Apply(h!, directory: false);

                    // Held until the handle closes, also when the process dies: housekeeping (of any replica) removes
                    // a temp file only when it can take this lock, i.e. when its writer is gone.
                    Fs.TryFlock(h!, Libc.LOCK_EX | Libc.LOCK_NB);
                }
                catch
                {
                    h!.Dispose();
                    Fs.TryUnlinkAt(dir, name, false);
                    throw;
                }

                return h!;
            }

            if (e != Errno.EEXIST || attempt > 5)
            {
                throw FsErrors.Map(e, FsOp.Write, "create temp");
            }
        }
    }

    /// <summary>Writes a small file atomically (<see cref="AtomicFile"/>: temp file, fsync, rename, fsync of the directory).</summary>
    public void WriteSmallFile(SafeFileHandle dir, string name, byte[] data)
    {
        var e = WriteSmallFile(dir, name, data, noReplace: false);
        if (e != 0)
        {
            throw FsErrors.Map(e, FsOp.Write, "rename record");
        }
    }

    /// <summary>
    /// Creates a small file atomically unless one of that name exists (renameat2 RENAME_NOREPLACE; the first writer
    /// of any replica wins). Answers 0, EEXIST, or the error of the rename.
    /// </summary>
    public int TryCreateSmallFile(SafeFileHandle dir, string name, byte[] data) => WriteSmallFile(dir, name, data, noReplace: true);

    /// <summary>
    /// Opens (read-write) a file that every replica shares, such as a lock file, creating it empty first where it is
    /// missing through <see cref="TryCreateSmallFile"/>: the name appears by an atomic rename of a finished file, never
    /// by <c>O_CREAT</c> on the shared name itself (docs/replicas.md, "Shared files are never created in place").
    /// </summary>
    public SafeFileHandle OpenShared(SafeFileHandle dir, string name)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var e = Beneath.TryOpen(dir, name, Libc.O_RDWR | Libc.O_NOFOLLOW, 0, out var h);
            if (e == 0)
            {
                return h!;
            }

            if (e != Errno.ENOENT)
            {
                throw FsErrors.Map(e, FsOp.Staging, "open " + name);
            }

            e = TryCreateSmallFile(dir, name, []);
            if (e is not (0 or Errno.EEXIST))
            {
                throw FsErrors.Map(e, FsOp.Write, "create " + name);
            }
        }

        throw new S3Exception(S3Errors.InternalError, "A shared state file could not be opened.");
    }

    /// <summary>The temp file is one of <see cref="CreateFile"/> (configured mode and owner, locked while written).</summary>
    private int WriteSmallFile(SafeFileHandle dir, string name, byte[] data, bool noReplace)
    {
        var e = AtomicFile.TryWrite(dir, name, data, noReplace, CreateFile, out var failed);
        return e == 0 || failed == "rename" ? e : throw FsErrors.Map(e, FsOp.Write, "write record");
    }

    public static byte[]? ReadSmallFile(SafeFileHandle dir, string name)
    {
        if (Beneath.TryOpen(dir, name, Libc.O_RDONLY | Libc.O_NOFOLLOW | Libc.O_NONBLOCK, 0, out var h) != 0)
        {
            return null;
        }

        using (h)
        {
            var st = Fs.Fstat(h!, FsOp.Read);
            if (!st.IsRegular || st.Size > 1 << 20)
            {
                return null;
            }

            var buf = new byte[st.Size];
            int n;
            try
            {
                n = RandomAccess.Read(h!, buf, 0);
            }
            catch (Exception e) when (FsErrors.IsIo(e))
            {
                throw FsErrors.FromIo(e, FsOp.Read, "read record");
            }

            return n == buf.Length ? buf : buf[..n];
        }
    }
}
