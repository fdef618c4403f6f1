using S3Spec.Posix;

namespace S3Spec.Auth.Keys;

/// <summary>
/// Replaces the keys file atomically for tools (the admin command): a temp file (mode 0600) beside it, written and
/// fsynced, then renamed over it and the directory fsynced (<see cref="AtomicFile"/>), so a polling server never reads half a file. When the path is a symbolic link the
/// file it finally points at is replaced and the link is kept.
/// </summary>
public static class KeysFileWriter
{
    public static void Write(string path, IReadOnlyList<AccessKey> keys)
    {
        ArgumentNullException.ThrowIfNull(path);
        var target = Path.GetFullPath(path);
        if (new FileInfo(target).LinkTarget is not null && File.ResolveLinkTarget(target, returnFinalTarget: true) is { } linked)
        {
            target = linked.FullName;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        AtomicFile.Replace(target, KeysFile.Serialize(keys), UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }
}
