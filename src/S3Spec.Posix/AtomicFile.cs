using Microsoft.Win32.SafeHandles;

namespace S3Spec.Posix;

/// <summary>
/// The one small-file writer (storage records, the volume registry, the keys file): a temp file in the same
/// directory, written, fsynced, renamed to its name (over an old one, or with RENAME_NOREPLACE only where none
/// exists), then the directory fsynced so that the rename survives a crash too. A failed write leaves no temp file.
/// </summary>
public static class AtomicFile
{
    /// <summary>Creates the temp file in <paramref name="dir"/> (exclusive, with its mode and owner) and names it.</summary>
    public delegate SafeFileHandle TempCreator(SafeFileHandle dir, out string name);

    /// <summary>
    /// Writes <paramref name="data"/> as <paramref name="name"/> in <paramref name="dir"/>. Answers 0, else the errno of
    /// the step named by <paramref name="failedStep"/> ("write", "fsync" or "rename"; with <paramref name="noReplace"/>
    /// EEXIST from "rename" when the name exists). Exceptions of <paramref name="createTemp"/> pass through.
    /// </summary>
    public static int TryWrite(SafeFileHandle dir, string name, ReadOnlySpan<byte> data, bool noReplace, TempCreator createTemp, out string? failedStep)
    {
        ArgumentNullException.ThrowIfNull(dir);
        ArgumentNullException.ThrowIfNull(createTemp);
        var dirFd = Fd(dir);
        string temp;
        int e;
        using (var file = createTemp(dir, out temp))
        {
            failedStep = "write";
            e = WriteAll(Fd(file), data);
            if (e == 0)
            {
                failedStep = "fsync";
                e = Libc.Fsync(Fd(file)) < 0 ? Libc.Errno : 0;
            }
        }

        if (e == 0)
        {
            failedStep = "rename";
            e = noReplace ? RenameNoReplace(dirFd, temp, name) : Libc.RenameAt(dirFd, temp, dirFd, name) < 0 ? Libc.Errno : 0;
        }

        if (e != 0)
        {
            Libc.UnlinkAt(dirFd, temp, 0);
            return e;
        }

        failedStep = null;
        Libc.Fsync(dirFd); // advisory: some filesystems refuse fsync of a directory, the rename stands regardless
        return 0;
    }

    /// <summary>
    /// Writes <paramref name="content"/> to <paramref name="path"/>, replacing the file there. The new file gets
    /// <paramref name="mode"/>, else the mode of the file it replaces, else 0644 (filtered by the umask).
    /// Throws <see cref="IOException"/> (HResult: the errno).
    /// </summary>
    public static void Replace(string path, ReadOnlySpan<byte> content, UnixFileMode? mode) => Write(path, content, mode, noReplace: false);

    /// <summary>As <see cref="Replace"/>, but only where no file of that name exists: <see cref="IOException"/> (EEXIST) otherwise.</summary>
    public static void Create(string path, ReadOnlySpan<byte> content, UnixFileMode mode) => Write(path, content, mode, noReplace: true);

    /// <summary>
    /// Makes an empty file at <paramref name="path"/> unless one exists, by <see cref="Create"/> (a finished file
    /// renamed into place): a file that several processes or replicas open, such as a lock file, is never made with
    /// <c>O_CREAT</c> on its own name (docs/replicas.md, "Shared files are never created in place").
    /// </summary>
    public static void CreateIfMissing(string path, UnixFileMode mode)
    {
        if (File.Exists(path))
        {
            return;
        }

        try
        {
            Create(path, [], mode);
        }
        catch (IOException e) when (e.HResult == Errno.EEXIST)
        {
            // another process made it first
        }
    }

    private static void Write(string path, ReadOnlySpan<byte> content, UnixFileMode? mode, bool noReplace)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        var fileName = Path.GetFileName(full);
        var createMode = (uint)(mode ?? ExistingMode(full) ?? (UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead));
        var dirFd = Libc.OpenAt(Libc.AT_FDCWD, directory, Libc.O_RDONLY | Libc.O_DIRECTORY | Libc.O_CLOEXEC, 0);
        if (dirFd < 0)
        {
            throw Error(Libc.Errno, "open the directory of", full);
        }

        using var dir = new SafeFileHandle(dirFd, ownsHandle: true);
        var e = TryWrite(dir, fileName, content, noReplace, (SafeFileHandle d, out string name) =>
        {
            name = "." + fileName + "." + Guid.NewGuid().ToString("N") + ".tmp";
            var fd = Libc.OpenAt(Fd(d), name, Libc.O_WRONLY | Libc.O_CREAT | Libc.O_EXCL | Libc.O_NOFOLLOW | Libc.O_CLOEXEC, createMode);
            return fd >= 0 ? new SafeFileHandle(fd, ownsHandle: true) : throw Error(Libc.Errno, "create a temp file for", full);
        }, out var failed);
        if (e != 0)
        {
            throw Error(e, failed + " of", full);
        }
    }

    private static unsafe int WriteAll(int fd, ReadOnlySpan<byte> data)
    {
        fixed (byte* p = data)
        {
            var done = 0;
            while (done < data.Length)
            {
                var n = Libc.Pwrite(fd, p + done, (nuint)(data.Length - done), done);
                if (n < 0)
                {
                    var e = Libc.Errno;
                    if (e == Errno.EINTR)
                    {
                        continue;
                    }

                    return e;
                }

                done += (int)n;
            }
        }

        return 0;
    }

    /// <summary>
    /// renameat2(RENAME_NOREPLACE); where that is refused (EINVAL/ENOSYS: GlusterFS, some NFS) linkat and the temp
    /// name unlinked (EEXIST as well); where hard links are refused too, a check for the name and a plain rename.
    /// </summary>
    private static int RenameNoReplace(int dirFd, string from, string to)
    {
        int e;
        try
        {
            e = Libc.RenameAt2(dirFd, from, dirFd, to, Libc.RENAME_NOREPLACE) < 0 ? Libc.Errno : 0;
        }
        catch (EntryPointNotFoundException)
        {
            e = Errno.ENOSYS;
        }

        if (e is not (Errno.EINVAL or Errno.ENOSYS))
        {
            return e;
        }

        e = Libc.LinkAt(dirFd, from, dirFd, to, 0) < 0 ? Libc.Errno : 0;
        if (e == 0)
        {
            Libc.UnlinkAt(dirFd, from, 0);
            return 0;
        }

        if (e is not (Errno.EPERM or Errno.EOPNOTSUPP))
        {
            return e;
        }

        var fd = Libc.OpenAt(dirFd, to, Libc.O_RDONLY | Libc.O_NOFOLLOW | Libc.O_NONBLOCK | Libc.O_CLOEXEC, 0);
        if (fd >= 0)
        {
            Libc.Close(fd);
            return Errno.EEXIST;
        }

        e = Libc.Errno;
        if (e != Errno.ENOENT)
        {
            return e == Errno.ELOOP ? Errno.EEXIST : e;
        }

        return Libc.RenameAt(dirFd, from, dirFd, to) < 0 ? Libc.Errno : 0;
    }

    private static UnixFileMode? ExistingMode(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }

        try
        {
            return File.GetUnixFileMode(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    private static IOException Error(int errno, string what, string path) =>
        new($"Could not {what} {path}: {System.Runtime.InteropServices.Marshal.GetPInvokeErrorMessage(errno)}", errno);

    private static int Fd(SafeFileHandle h) => (int)h.DangerousGetHandle();
}
