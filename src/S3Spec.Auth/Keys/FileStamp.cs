namespace S3Spec.Auth.Keys;

/// <summary>
/// What identifies a version of the keys file: the final target of its symbolic links (a Kubernetes Secret
/// volume swaps a "..data" link), that file's modification time and its length.
/// </summary>
internal sealed record FileStamp(string Path, DateTime LastWriteUtc, long Length)
{
    public static FileStamp? Of(string path)
    {
        try
        {
            FileSystemInfo info = new FileInfo(path);
            if (info.LinkTarget is not null)
            {
                info = info.ResolveLinkTarget(returnFinalTarget: true) ?? info;
            }

            info.Refresh();
            if (!info.Exists || info is not FileInfo file)
            {
                return null;
            }

            return new FileStamp(file.FullName, file.LastWriteTimeUtc, file.Length);
        }
        catch (IOException)
        {
            return null;
        }
    }
}
