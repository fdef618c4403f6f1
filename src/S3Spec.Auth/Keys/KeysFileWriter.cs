namespace S3Spec.Auth.Keys;

/// <summary>
/// Replaces the keys file atomically for tools (the admin command): a temp file (mode 0600) beside it, written and
/// fsynced, then renamed over it, so a polling server never reads half a file. When the path is a symbolic link the
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

        var directory = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, "." + Path.GetFileName(target) + "." + Guid.NewGuid().ToString("N") + ".tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using (var stream = new FileStream(temp, options))
            {
                stream.Write(KeysFile.Serialize(keys));
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, target, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }
}
