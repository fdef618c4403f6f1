using Microsoft.Win32.SafeHandles;
using S3Spec.Posix;

namespace S3Spec.Storage.Posix;

/// <summary>
/// Opens and creates in the staging tree (<c>.s3compat_uploads</c> and below) from a directory's descriptor without
/// following a symlink in any component: openat2(RESOLVE_BENEATH|RESOLVE_NO_SYMLINKS|RESOLVE_NO_MAGICLINKS); where
/// openat2 is missing (ENOSYS, asked each time: nothing is cached process-wide), component by component with O_NOFOLLOW
/// (<see cref="Walk"/>). Unlike <see cref="Resolver"/>
/// no symlink is ever followed, not even one that stays inside the volume.
/// </summary>
internal static class Beneath
{
    private const ulong Resolve = Libc.RESOLVE_BENEATH | Libc.RESOLVE_NO_SYMLINKS | Libc.RESOLVE_NO_MAGICLINKS;

    public static int TryOpen(SafeFileHandle dir, string path, int flags, uint mode, out SafeFileHandle? handle)
    {
        flags |= Libc.O_CLOEXEC | Libc.O_NOFOLLOW;
        var e = OpenAt2.TryOpen(Fs.Fd(dir), path, flags, (flags & Libc.O_CREAT) != 0 ? mode : 0, Resolve, out handle);
        return e != Errno.ENOSYS ? e : Walk(dir, path, flags, mode, out handle);
    }

    /// <summary>
    /// The walk without openat2: every directory component opened O_PATH|O_DIRECTORY|O_NOFOLLOW from the previous
    /// one, the last with O_NOFOLLOW. An absolute path or an empty, "." or ".." component is refused (EXDEV), as
    /// RESOLVE_BENEATH would; a symlink anywhere answers ELOOP (or ENOTDIR for O_PATH|O_DIRECTORY on some kernels).
    /// </summary>
    internal static int Walk(SafeFileHandle dir, string path, int flags, uint mode, out SafeFileHandle? handle)
    {
        handle = null;
        var parts = path.Split('/');
        foreach (var part in parts)
        {
            if (part.Length == 0 || part == "." || part == "..")
            {
                return Errno.EXDEV;
            }
        }

        SafeFileHandle? cur = null;
        try
        {
            for (var i = 0; i < parts.Length - 1; i++)
            {
                var e = Fs.TryOpenAt(cur ?? dir, parts[i], Libc.O_PATH | Libc.O_DIRECTORY | Libc.O_NOFOLLOW, 0, out var next);
                if (e != 0)
                {
                    return e;
                }

                cur?.Dispose();
                cur = next;
            }

            return Fs.TryOpenAt(cur ?? dir, parts[^1], flags | Libc.O_NOFOLLOW, mode, out handle);
        }
        finally
        {
            cur?.Dispose();
        }
    }
}
