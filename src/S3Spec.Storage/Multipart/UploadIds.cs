using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;
using S3Spec.Storage.Native;
using S3Spec.Storage.Posix;

namespace S3Spec.Storage.Multipart;

/// <summary>Upload ids: 32 lower-case hex characters, the first 16 the creation time, so ids sort by initiation.</summary>
internal static class UploadIds
{
    public const string CompletingPrefix = ".completing-";
    public const string DoneSuffix = ".done";
    public const string RecordName = "upload";
    public const string CompleterLockName = ".completer.lock";

    /// <summary>The data file that placed parts are written into (<see cref="PlacedParts"/>).</summary>
    public const string PlacedDataName = "parts.data";

    /// <summary>
    /// Creates and exclusively locks the completer lock inside a claimed upload folder. <paramref name="locked"/> is
    /// false when another live completer holds it; the handle is null where the file cannot be made.
    /// </summary>
    public static SafeFileHandle? LockClaim(SafeFileHandle root, string claimed, out bool locked)
    {
        locked = false;
        if (Beneath.TryOpen(root, claimed + "/" + CompleterLockName, Libc.O_RDONLY | Libc.O_CREAT | Libc.O_NOFOLLOW, 0x180, out var h) != 0)
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
        if (Beneath.TryOpen(root, claimed + "/" + CompleterLockName, Libc.O_RDONLY | Libc.O_NOFOLLOW | Libc.O_NONBLOCK, 0, out var h) == 0)
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

    public static string New(DateTimeOffset now) =>
        now.ToUnixTimeMilliseconds().ToString("x16", System.Globalization.CultureInfo.InvariantCulture)
        + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    public static bool IsValid(string? id)
    {
        if (id is null || id.Length != 32)
        {
            return false;
        }

        foreach (var c in id)
        {
            if (c is not ((>= '0' and <= '9') or (>= 'a' and <= 'f')))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The record of a staged part, named by the part file's inode ("part-00001.1a2b.meta").</summary>
    public static string PartRecordName(string partName, ulong ino) =>
        partName + "." + ino.ToString("x", System.Globalization.CultureInfo.InvariantCulture) + ".meta";

    public static string PartName(int partNumber) => "part-" + partNumber.ToString("D5", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A file of an upload folder that holds part bytes (a staged part or the placed parts' data file).</summary>
    public static bool IsPartData(string name) => name == PlacedDataName || TryParsePartName(name, out _);

    public static bool TryParsePartName(string name, out int partNumber)
    {
        partNumber = 0;
        return name.Length >= 10 && name.StartsWith("part-", StringComparison.Ordinal)
            && int.TryParse(name.AsSpan(5), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out partNumber);
    }
}
