using Microsoft.Win32.SafeHandles;
using S3Spec.Posix;

namespace S3Spec.Storage.Posix;

/// <summary>
/// openat2(2) with its EAGAIN retried. With RESOLVE_BENEATH the kernel answers EAGAIN when a rename or a mount
/// anywhere in the system raced a lookup that went through "..", since it can then not be sure the lookup stayed
/// beneath; such a lookup is repeated, at most <see cref="Attempts"/> times (docs/storage.md "Confinement").
/// </summary>
internal static class OpenAt2
{
    /// <summary>Attempts of one lookup before EAGAIN is answered (SlowDown).</summary>
    public const int Attempts = 16;

    /// <summary>Attempts made without yielding the processor first.</summary>
    private const int EagerAttempts = 4;

    /// <summary>One attempt of a lookup: a descriptor, or -1 and the errno.</summary>
    public delegate int Attempt<TState>(ref TState args, out int errno);

    /// <summary>0 with the handle, else the errno: ENOSYS where openat2 is missing (the caller walks), EAGAIN when every attempt raced.</summary>
    public static int TryOpen(int dirfd, string path, int flags, uint mode, ulong resolve, out SafeFileHandle? handle)
    {
        var args = new Args(dirfd, path, flags, mode, resolve);
        var e = Retry(ref args, static (ref Args a, out int errno) =>
        {
            var fd = Libc.OpenAt2(a.Dirfd, a.Path, a.Flags, a.Mode, a.Resolve);
            errno = fd < 0 ? Libc.Errno : 0;
            return fd;
        }, out handle);
        return e;
    }

    /// <summary>Runs <paramref name="attempt"/> until it answers anything but EAGAIN, at most <see cref="Attempts"/> times.</summary>
    internal static int Retry<TState>(ref TState args, Attempt<TState> attempt, out SafeFileHandle? handle)
    {
        for (var n = 1; ; n++)
        {
            var fd = attempt(ref args, out var errno);
            if (fd >= 0)
            {
                handle = Fs.Wrap(fd);
                return 0;
            }

            if (errno != Errno.EAGAIN || n >= Attempts)
            {
                handle = null;
                return errno;
            }

            if (n >= EagerAttempts)
            {
                Thread.Yield();
            }
        }
    }

    private readonly record struct Args(int Dirfd, string Path, int Flags, uint Mode, ulong Resolve);
}
