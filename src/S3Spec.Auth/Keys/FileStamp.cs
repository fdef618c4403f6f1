namespace S3Spec.Auth.Keys;

/// <summary>
/// What identifies a version of the keys file: its real path with every symbolic link resolved (a Kubernetes
/// Secret volume swaps a "..data" directory link), that file's modification time and its length.
/// </summary>
internal sealed record FileStamp(string Path, DateTime LastWriteUtc, long Length)
{
    private const int MaxLinkHops = 40;

    public static FileStamp? Of(string path)
    {
        try
        {
            var file = new FileInfo(RealPath(path));
            return file.Exists ? new FileStamp(file.FullName, file.LastWriteTimeUtc, file.Length) : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Resolves symbolic links in every component of <paramref name="path"/>.</summary>
    private static string RealPath(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        for (var hop = 0; hop < MaxLinkHops; hop++)
        {
            var root = System.IO.Path.GetPathRoot(full) ?? "";
            var parts = full[root.Length..].Split(System.IO.Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
            var current = root;
            string? next = null;
            for (var i = 0; i < parts.Length && next is null; i++)
            {
                current = System.IO.Path.Combine(current, parts[i]);
                var target = new FileInfo(current).LinkTarget;
                if (target is not null)
                {
                    next = System.IO.Path.GetFullPath(target, System.IO.Path.GetDirectoryName(current) ?? root);
                    for (var j = i + 1; j < parts.Length; j++)
                    {
                        next = System.IO.Path.Combine(next, parts[j]);
                    }
                }
            }

            if (next is null)
            {
                return full;
            }

            full = next;
        }

        return full;
    }
}
