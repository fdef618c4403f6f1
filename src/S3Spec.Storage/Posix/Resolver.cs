using Microsoft.Win32.SafeHandles;
using S3Spec.Posix;
using S3Spec.Storage.Contract;

namespace S3Spec.Storage.Posix;

/// <summary>
/// Opens paths beneath a volume root, confined by the kernel: openat2(RESOLVE_BENEATH|RESOLVE_NO_MAGICLINKS), first
/// without symlinks, then (on ELOOP) with symlinks beneath, refusing a result inside the staging folder. Without
/// openat2 (ENOSYS, remembered per store by the volume's <see cref="Confinement"/>) each component is opened with
/// O_NOFOLLOW, so symlinks are refused. EAGAIN (a rename raced a
/// lookup through "..") is retried by <see cref="OpenAt2"/>.
/// </summary>
internal static class Resolver
{
    public static int TryOpen(Volume vol, string relPath, int flags, out SafeFileHandle? handle)
    {
        handle = null;
        var path = relPath.Length == 0 ? "." : relPath;
        flags |= Libc.O_CLOEXEC;
        var rootFd = Fs.Fd(vol.Root);
        if (vol.Confinement.UsesOpenAt2)
        {
            const ulong Beneath = Libc.RESOLVE_BENEATH | Libc.RESOLVE_NO_MAGICLINKS;
            var e = OpenAt2.TryOpen(rootFd, path, flags, 0, Beneath | Libc.RESOLVE_NO_SYMLINKS, out handle);
            vol.Confinement.Observe(e);
            if (e == 0)
            {
                return 0;
            }

            if (e != Errno.ENOSYS)
            {
                if (e != Errno.ELOOP)
                {
                    return e;
                }

                e = OpenAt2.TryOpen(rootFd, path, flags, 0, Beneath, out var h);
                if (e != 0)
                {
                    return e is Errno.ELOOP or Errno.EXDEV ? PseudoErrno.Escapes : e;
                }

                var real = Fs.ReadLinkFd(h!);
                var staging = vol.RealPath.TrimEnd('/') + "/" + ObjectKey.StagingFolder;
                if (real is null || real == staging || real.StartsWith(staging + "/", StringComparison.Ordinal))
                {
                    h!.Dispose();
                    return PseudoErrno.Reserved;
                }

                handle = h;
                return 0;
            }
        }

        return WalkWithoutSymlinks(vol, path, flags, out handle);
    }

    private static int WalkWithoutSymlinks(Volume vol, string path, int flags, out SafeFileHandle? handle)
    {
        handle = null;
        var parts = path.Split('/');
        SafeFileHandle? cur = null;
        try
        {
            for (var i = 0; i < parts.Length - 1; i++)
            {
                var e = Fs.TryOpenAt(cur ?? vol.Root, parts[i], Libc.O_PATH | Libc.O_DIRECTORY | Libc.O_NOFOLLOW, 0, out var next);
                if (e != 0)
                {
                    return Refused(cur ?? vol.Root, parts[i], e);
                }

                cur?.Dispose();
                cur = next;
            }

            var r = Fs.TryOpenAt(cur ?? vol.Root, parts[^1], flags | Libc.O_NOFOLLOW, 0, out handle);
            return r == 0 ? 0 : Refused(cur ?? vol.Root, parts[^1], r);
        }
        finally
        {
            cur?.Dispose();
        }
    }

    /// <summary>
    /// The walk's answer for a component that did not open: a symlink is Escapes, also where O_DIRECTORY|O_NOFOLLOW
    /// reports it as ENOTDIR (as Linux does) rather than ELOOP; anything else is the errno itself.
    /// </summary>
    private static int Refused(SafeFileHandle dir, string name, int errno) =>
        errno == Errno.ELOOP || (errno == Errno.ENOTDIR && Fs.TryStatAt(dir, name, follow: false, out var st) == 0 && st.IsSymlink)
            ? PseudoErrno.Escapes
            : errno;
}
