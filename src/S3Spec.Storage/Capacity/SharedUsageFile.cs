using Microsoft.Win32.SafeHandles;
using S3Spec.Storage.Native;
using S3Spec.Storage.Posix;

namespace S3Spec.Storage.Capacity;

/// <summary>
/// The used-bytes counter of one volume, shared by every process over the data root (replicas, docs/replicas.md
/// "Capacity"): <c>&lt;DataRoot&gt;/.s3spec/usage/&lt;volume&gt;.&lt;root inode&gt;</c>, 16 bytes: the counted bytes and
/// the running sum of every change applied (so that a walk can add what changed while it ran). Read and changed
/// under an exclusive flock; the descriptor stays open. The caller serialises its own threads (flock does not
/// exclude two users of one open file). Any error leaves the caller with its own count (<c>false</c>).
/// </summary>
internal sealed class SharedUsageFile(string path)
{
    public const string Folder = "usage";

    private SafeFileHandle? handle;

    public string Path => path;

    public static SharedUsageFile For(string dataRoot, string volume, ulong rootIno) =>
        new(System.IO.Path.Combine(System.IO.Path.GetFullPath(dataRoot), ".s3spec", Folder, $"{volume}.{rootIno}"));

    /// <summary>The counted bytes and the sum of changes.</summary>
    public bool TryRead(out long used, out long changes) => TryUpdate(null, out used, out changes);

    /// <summary>Adds <paramref name="delta"/> (clamped at 0) and returns the new count.</summary>
    public bool TryApply(long delta, out long used) => TryUpdate((u, c) => (Math.Max(0, u + delta), c + delta), out used, out _);

    /// <summary>A walk that started when the sum of changes was <paramref name="changesAtStart"/> counted <paramref name="walked"/> bytes.</summary>
    public bool TryCorrect(long walked, long changesAtStart, out long used) =>
        TryUpdate((_, c) => (Math.Max(0, walked + (c - changesAtStart)), c), out used, out _);

    private bool TryUpdate(Func<long, long, (long Used, long Changes)>? change, out long used, out long changes)
    {
        used = changes = 0;
        var h = Open();
        if (h is null || Fs.TryFlock(h, Libc.LOCK_EX) != 0)
        {
            return false;
        }

        try
        {
            Span<byte> bytes = stackalloc byte[16];
            bytes.Clear();
            _ = RandomAccess.Read(h, bytes, 0);
            used = BitConverter.ToInt64(bytes[..8]);
            changes = BitConverter.ToInt64(bytes[8..]);
            if (change is not null)
            {
                (used, changes) = change(used, changes);
                BitConverter.TryWriteBytes(bytes[..8], used);
                BitConverter.TryWriteBytes(bytes[8..], changes);
                RandomAccess.Write(h, bytes, 0);
            }

            return true;
        }
        catch (IOException)
        {
            return false;
        }
        finally
        {
            Fs.TryFlock(h, Libc.LOCK_UN);
        }
    }

    private SafeFileHandle? Open()
    {
        if (handle is { IsInvalid: false } open)
        {
            return open;
        }

        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        var fd = Libc.OpenAt(Libc.AT_FDCWD, path, Libc.O_RDWR | Libc.O_CREAT | Libc.O_NOFOLLOW | Libc.O_CLOEXEC, 0x1A0 /* 0640 */);
        if (fd < 0)
        {
            return null;
        }

        handle = Fs.Wrap(fd);
        return handle;
    }
}
