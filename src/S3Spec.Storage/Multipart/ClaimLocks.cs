using Microsoft.Win32.SafeHandles;
using S3Spec.Posix;
using S3Spec.Storage.Posix;

namespace S3Spec.Storage.Multipart;

/// <summary>The completer lock of a claimed upload folder (<c>.completing-&lt;id&gt;/.completer.lock</c>).</summary>
internal static class ClaimLocks
{
    /// <summary>
    /// Creates and exclusively locks the completer lock inside a claimed upload folder. <paramref name="locked"/> is
    /// false when another live completer holds it; the handle is null where the file cannot be made.
    /// </summary>
    public static SafeFileHandle? LockClaim(SafeFileHandle root, string claimed, out bool locked)
    {
        locked = false;
        if (Beneath.TryOpen(root, claimed + "/" + UploadIds.CompleterLockName, Libc.O_RDONLY | Libc.O_CREAT | Libc.O_NOFOLLOW, 0x180, out var h) != 0)
        {
            return null;
        }

        var e = Fs.TryFlock(h!, Libc.LOCK_EX | Libc.LOCK_NB);
        locked = e == 0 || e != Errno.EAGAIN;
        return h;
    }

    /// <summary>True when a claimed upload's completer is gone: its lock can be taken (or, without flock, the claim is older than the cutoff).</summary>
    public static bool ClaimAbandoned(SafeFileHandle root, string claimed, DateTimeOffset cutoff)
    {
        if (Beneath.TryOpen(root, claimed + "/" + UploadIds.CompleterLockName, Libc.O_RDONLY | Libc.O_NOFOLLOW | Libc.O_NONBLOCK, 0, out var h) == 0)
        {
            using (h)
            {
                var e = Fs.TryFlock(h!, Libc.LOCK_EX | Libc.LOCK_NB);
                if (e == 0)
                {
                    return true;
                }

                if (e == Errno.EAGAIN)
                {
                    return false;
                }
            }
        }

        return Fs.TryStatAt(root, claimed, follow: false, out var st) == 0 && st.LastModified < cutoff;
    }
}
