using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;
using S3Spec.Posix;

namespace S3Spec.Storage.Posix;

/// <summary>Thin, errno-returning wrappers over the libc calls (fds are owned by <see cref="SafeFileHandle"/>s).</summary>
internal static unsafe class Fs
{
    /// <summary>Object records are far smaller (docs/storage.md); larger values take two more calls.</summary>
    private const int XattrStackBytes = 1024;

    public static SafeFileHandle Wrap(int fd) => new((IntPtr)fd, ownsHandle: true);

    public static int Fd(SafeFileHandle h) => (int)h.DangerousGetHandle();

    public static int TryOpenAt(SafeFileHandle dir, string name, int flags, uint mode, out SafeFileHandle? handle)
    {
        var fd = Libc.OpenAt(Fd(dir), name, flags | Libc.O_CLOEXEC, mode);
        if (fd < 0)
        {
            handle = null;
            return Libc.Errno;
        }

        handle = Wrap(fd);
        return 0;
    }

    public static int TryOpenAtPath(string path, out SafeFileHandle? handle)
    {
        var fd = Libc.OpenAt(Libc.AT_FDCWD, path, Libc.O_RDONLY | Libc.O_DIRECTORY | Libc.O_CLOEXEC, 0);
        if (fd < 0)
        {
            handle = null;
            return Libc.Errno;
        }

        handle = Wrap(fd);
        return 0;
    }

    public static int TryStatAt(SafeFileHandle dir, string name, bool follow, out StatxBuffer st)
    {
        StatxBuffer buf;
        var r = Libc.Statx(Fd(dir), name, follow ? 0 : Libc.AT_SYMLINK_NOFOLLOW, Libc.STATX_BASIC_STATS | Libc.STATX_BTIME, &buf);
        st = buf;
        return r < 0 ? Libc.Errno : 0;
    }

    /// <summary>
    /// statx of a name without following a symlink, asking a network or FUSE filesystem for the server's attributes
    /// (AT_STATX_FORCE_SYNC, as an open revalidates them; local filesystems ignore the flag).
    /// </summary>
    public static int TryStatAtSynced(SafeFileHandle dir, string name, out StatxBuffer st)
    {
        StatxBuffer buf;
        var r = Libc.Statx(Fd(dir), name, Libc.AT_SYMLINK_NOFOLLOW | Libc.AT_STATX_FORCE_SYNC, Libc.STATX_BASIC_STATS | Libc.STATX_BTIME, &buf);
        st = buf;
        return r < 0 ? Libc.Errno : 0;
    }

    public static int TryStatPath(string path, out StatxBuffer st)
    {
        StatxBuffer buf;
        var r = Libc.Statx(Libc.AT_FDCWD, path, 0, Libc.STATX_BASIC_STATS | Libc.STATX_BTIME, &buf);
        st = buf;
        return r < 0 ? Libc.Errno : 0;
    }

    public static StatxBuffer Fstat(SafeFileHandle h, FsOp op)
    {
        StatxBuffer buf;
        if (Libc.Statx(Fd(h), "", Libc.AT_EMPTY_PATH, Libc.STATX_BASIC_STATS | Libc.STATX_BTIME, &buf) < 0)
        {
            throw FsErrors.Last(op, "fstat");
        }

        return buf;
    }

    public static int TryFstat(SafeFileHandle h, out StatxBuffer st)
    {
        StatxBuffer buf;
        var r = Libc.Statx(Fd(h), "", Libc.AT_EMPTY_PATH, Libc.STATX_BASIC_STATS | Libc.STATX_BTIME, &buf);
        st = buf;
        return r < 0 ? Libc.Errno : 0;
    }

    public static void Fsync(SafeFileHandle h, FsOp op)
    {
        if (Libc.Fsync(Fd(h)) < 0)
        {
            throw FsErrors.Last(op, "fsync");
        }
    }

    public static string? ReadLinkFd(SafeFileHandle h)
    {
        var buf = new byte[4096];
        fixed (byte* p = buf)
        {
            var n = Libc.Readlink("/proc/self/fd/" + Fd(h), p, (nuint)buf.Length);
            return n < 0 ? null : Encoding.UTF8.GetString(buf, 0, (int)n);
        }
    }

    /// <summary>One entry's raw name (valid UTF-8, never "." or "..") and d_type, with the reader's state.</summary>
    public delegate void RawDirEntry<TState>(ref TState state, ReadOnlySpan<byte> name, byte type);

    /// <summary>
    /// Reads all entries (without "." and "..") as UTF-8 bytes, no string per entry. Names that are not valid UTF-8
    /// are reported to <paramref name="invalid"/> and skipped. Returns 0 or the errno of opening the stream.
    /// </summary>
    public static int TryReadDirRaw<TState>(SafeFileHandle dir, ref TState state, RawDirEntry<TState> onEntry, Action? invalid)
    {
        var dup = Libc.Dup(Fd(dir));
        if (dup < 0)
        {
            return Libc.Errno;
        }

        var d = Libc.Fdopendir(dup);
        if (d == 0)
        {
            var e = Libc.Errno;
            Libc.Close(dup);
            return e;
        }

        try
        {
            // The duplicate shares its file offset with the caller's descriptor: a second reading of the same handle
            // would start where the first ended (at the end) and see no entries.
            Libc.Rewinddir(d);
            while (true)
            {
                var ent = Libc.Readdir64(d);
                if (ent == null)
                {
                    return 0;
                }

                var name = MemoryMarshal.CreateReadOnlySpanFromNullTerminated(&ent->Name0);
                if (name.SequenceEqual("."u8) || name.SequenceEqual(".."u8))
                {
                    continue;
                }

                if (!System.Text.Unicode.Utf8.IsValid(name))
                {
                    invalid?.Invoke();
                    continue;
                }

                onEntry(ref state, name, ent->Type);
            }
        }
        finally
        {
            Libc.Closedir(d);
        }
    }

    /// <summary>
    /// Reads all entries (without "." and ".."). Names that are not valid UTF-8 are reported to
    /// <paramref name="invalid"/> and skipped.
    /// </summary>
    public static int TryReadDir(SafeFileHandle dir, List<DirEntry> entries, Action? invalid) =>
        TryReadDirRaw(dir, ref entries, static (ref List<DirEntry> list, ReadOnlySpan<byte> name, byte type) => list.Add(new DirEntry(Encoding.UTF8.GetString(name), type)), invalid);

    /// <summary>
    /// The value of an xattr, or null (errno set). One fgetxattr into a stack buffer covers every value up to
    /// <see cref="XattrStackBytes"/>; only a larger one costs the size query and a second read.
    /// </summary>
    public static byte[]? TryGetXattr(SafeFileHandle h, string name, out int errno)
    {
        var small = stackalloc byte[XattrStackBytes];
        var got = Libc.Fgetxattr(Fd(h), name, small, XattrStackBytes);
        if (got >= 0)
        {
            errno = 0;
            return new ReadOnlySpan<byte>(small, (int)got).ToArray();
        }

        errno = Libc.Errno;
        if (errno != Errno.ERANGE)
        {
            return null;
        }

        while (true)
        {
            var n = Libc.Fgetxattr(Fd(h), name, null, 0);
            if (n < 0)
            {
                errno = Libc.Errno;
                return null;
            }

            var buf = new byte[n];
            fixed (byte* q = buf)
            {
                var m = Libc.Fgetxattr(Fd(h), name, q, (nuint)buf.Length);
                if (m >= 0)
                {
                    errno = 0;
                    return m == n ? buf : buf[..(int)m];
                }

                errno = Libc.Errno;
                if (errno != Errno.ERANGE)
                {
                    return null;
                }

                // The value grew between the two calls: ask for its size again.
            }
        }
    }

    public static int TrySetXattr(SafeFileHandle h, string name, ReadOnlySpan<byte> value)
    {
        fixed (byte* p = value)
        {
            return Libc.Fsetxattr(Fd(h), name, p, (nuint)value.Length, 0) < 0 ? Libc.Errno : 0;
        }
    }

    public static int TryRemoveXattr(SafeFileHandle h, string name) =>
        Libc.Fremovexattr(Fd(h), name) < 0 ? Libc.Errno : 0;

    public static int TryMkdirAt(SafeFileHandle dir, string name, uint mode) =>
        Libc.MkdirAt(Fd(dir), name, mode) < 0 ? Libc.Errno : 0;

    public static int TryRenameAt(SafeFileHandle fromDir, string from, SafeFileHandle toDir, string to) =>
        Libc.RenameAt(Fd(fromDir), from, Fd(toDir), to) < 0 ? Libc.Errno : 0;

    /// <summary>renameat2(RENAME_NOREPLACE); ENOSYS when the C library lacks the entry point.</summary>
    public static int TryRenameNoReplace(SafeFileHandle fromDir, string from, SafeFileHandle toDir, string to)
    {
        try
        {
            return Libc.RenameAt2(Fd(fromDir), from, Fd(toDir), to, Libc.RENAME_NOREPLACE) < 0 ? Libc.Errno : 0;
        }
        catch (EntryPointNotFoundException)
        {
            return Errno.ENOSYS;
        }
    }

    public static int TryLinkAt(SafeFileHandle fromDir, string from, SafeFileHandle toDir, string to) =>
        Libc.LinkAt(Fd(fromDir), from, Fd(toDir), to, 0) < 0 ? Libc.Errno : 0;

    /// <summary>flock(2), retried on EINTR.</summary>
    public static int TryFlock(SafeFileHandle h, int operation)
    {
        while (true)
        {
            if (Libc.Flock(Fd(h), operation) == 0)
            {
                return 0;
            }

            var e = Libc.Errno;
            if (e != Errno.EINTR)
            {
                return e;
            }
        }
    }

    /// <summary>
    /// Takes an exclusive open-file-description lock (fcntl F_OFD_SETLK) on a byte range without waiting; released
    /// when the handle closes, also when the process dies. EAGAIN/EACCES: another holder.
    /// </summary>
    public static int TryLockRange(SafeFileHandle h, long start, long length) => SetLock(h, Libc.F_OFD_SETLK, Libc.F_WRLCK, start, length);

    /// <summary>As <see cref="TryLockRange"/>, waiting until the range is free (F_OFD_SETLKW).</summary>
    public static int LockRangeWait(SafeFileHandle h, long start, long length) => SetLock(h, Libc.F_OFD_SETLKW, Libc.F_WRLCK, start, length);

    /// <summary>
    /// Releases a range locked by <see cref="TryLockRange"/> or <see cref="LockRangeWait"/> at once. Closing the handle
    /// releases it too, but on FUSE the close sends its release to the filesystem after close() has returned.
    /// </summary>
    public static int UnlockRange(SafeFileHandle h, long start, long length) => SetLock(h, Libc.F_OFD_SETLK, Libc.F_UNLCK, start, length);

    private static int SetLock(SafeFileHandle h, int command, short type, long start, long length)
    {
        var lk = new Libc.FileLock { Type = type, Whence = 0, Start = start, Length = length };
        while (true)
        {
            if (Libc.Fcntl(Fd(h), command, &lk) == 0)
            {
                return 0;
            }

            var e = Libc.Errno;
            if (e != Errno.EINTR)
            {
                return e;
            }
        }
    }

    /// <summary>Frees the blocks of a byte range, keeping the file size (fallocate PUNCH_HOLE); EOPNOTSUPP where unsupported.</summary>
    public static int TryPunchHole(SafeFileHandle h, long offset, long length) =>
        Libc.Fallocate(Fd(h), Libc.FALLOC_FL_PUNCH_HOLE | Libc.FALLOC_FL_KEEP_SIZE, offset, length) < 0 ? Libc.Errno : 0;

    public static int TryTruncate(SafeFileHandle h, long length) => Libc.Ftruncate(Fd(h), length) < 0 ? Libc.Errno : 0;

    public static int TryUnlinkAt(SafeFileHandle dir, string name, bool directory) =>
        Libc.UnlinkAt(Fd(dir), name, directory ? Libc.AT_REMOVEDIR : 0) < 0 ? Libc.Errno : 0;

    /// <summary>Removes a directory whose entries are all files (staging folders).</summary>
    public static void RemoveFlatTree(SafeFileHandle parent, string name)
    {
        if (Beneath.TryOpen(parent, name, Libc.O_RDONLY | Libc.O_DIRECTORY | Libc.O_NOFOLLOW, 0, out var dir) != 0)
        {
            return;
        }

        using (dir)
        {
            var entries = new List<DirEntry>();
            TryReadDir(dir!, entries, null);
            foreach (var e in entries)
            {
                if (TryUnlinkAt(dir!, e.Name, false) == Errno.EISDIR)
                {
                    RemoveFlatTree(dir!, e.Name);
                }
            }
        }

        TryUnlinkAt(parent, name, true);
    }

    public static uint ParseMode(string? octal, uint fallback) =>
        string.IsNullOrWhiteSpace(octal) ? fallback : Convert.ToUInt32(octal.Trim(), 8);
}
