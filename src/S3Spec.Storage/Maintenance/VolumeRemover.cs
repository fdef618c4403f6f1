using S3Spec.Storage.Contract;

namespace S3Spec.Storage.Maintenance;

/// <summary>
/// Removes a volume directory. Symbolic links are removed, never followed (a volume that is itself a link loses only
/// the link); a volume with a filesystem mounted at or inside it is refused. Content means anything but the server's
/// bookkeeping folder, unless that folder holds pending multipart uploads.
/// </summary>
internal static class VolumeRemover
{
    /// <summary>Removes the volume directory <paramref name="path"/>; answers what was done, or why not.</summary>
    public static VolumeRemoval Remove(string path, bool force)
    {
        if (!Directory.Exists(path))
        {
            return new VolumeRemoval(VolumeRemovalOutcome.NotFound);
        }

        if (!force && HasContent(path))
        {
            return new VolumeRemoval(VolumeRemovalOutcome.NotEmpty);
        }

        var link = new DirectoryInfo(path).LinkTarget;
        if (link is not null)
        {
            File.Delete(path);
            return new VolumeRemoval(VolumeRemovalOutcome.RemovedLink, link);
        }

        if (MountsAtOrBelow(path) is { } mount)
        {
            return new VolumeRemoval(VolumeRemovalOutcome.Mounted, mount);
        }

        DeleteTree(new DirectoryInfo(path));
        return new VolumeRemoval(VolumeRemovalOutcome.Removed);
    }

    private static bool HasContent(string path)
    {
        foreach (var entry in new DirectoryInfo(path).EnumerateFileSystemInfos())
        {
            if (!string.Equals(entry.Name, StoreLayout.StagingFolder, StringComparison.OrdinalIgnoreCase) || entry.LinkTarget is not null
                || entry is not DirectoryInfo staging)
            {
                return true;
            }

            foreach (var inner in staging.EnumerateFileSystemInfos())
            {
                if (!inner.Name.StartsWith('.'))
                {
                    return true; // a pending multipart upload
                }
            }
        }

        return false;
    }

    private static void DeleteTree(DirectoryInfo directory)
    {
        foreach (var entry in directory.EnumerateFileSystemInfos())
        {
            if (entry is DirectoryInfo sub && entry.LinkTarget is null)
            {
                DeleteTree(sub);
            }
            else
            {
                File.Delete(entry.FullName); // files and links (to files or directories) alike: unlink
            }
        }

        directory.Delete();
    }

    /// <summary>A mount point equal to or below <paramref name="path"/>, from /proc/self/mountinfo; null when none or unknown.</summary>
    private static string? MountsAtOrBelow(string path)
    {
        const string MountInfo = "/proc/self/mountinfo";
        if (!File.Exists(MountInfo))
        {
            return null;
        }

        var full = RealPath(Path.TrimEndingDirectorySeparator(Path.GetFullPath(path)));
        foreach (var line in File.ReadLines(MountInfo))
        {
            var fields = line.Split(' ');
            if (fields.Length < 5)
            {
                continue;
            }

            var mount = Unescape(fields[4]);
            if (mount == full || mount.StartsWith(full + "/", StringComparison.Ordinal))
            {
                return mount;
            }
        }

        return null;
    }

    /// <summary>Resolves symbolic links in every component (mountinfo lists real paths).</summary>
    private static string RealPath(string path)
    {
        var current = "/";
        foreach (var part in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            current = Path.Combine(current, part);
            for (var hops = 0; hops < 40 && new FileInfo(current).LinkTarget is { } target; hops++)
            {
                current = Path.GetFullPath(target, Path.GetDirectoryName(current) ?? "/");
            }
        }

        return current;
    }

    // mountinfo escapes space, tab, newline and backslash as \ooo octal.
    private static string Unescape(string field)
    {
        if (!field.Contains('\\', StringComparison.Ordinal))
        {
            return field;
        }

        var sb = new System.Text.StringBuilder(field.Length);
        for (var i = 0; i < field.Length; i++)
        {
            if (field[i] == '\\' && i + 3 < field.Length
                && IsOctal(field[i + 1]) && IsOctal(field[i + 2]) && IsOctal(field[i + 3]))
            {
                sb.Append((char)(((field[i + 1] - '0') * 64) + ((field[i + 2] - '0') * 8) + (field[i + 3] - '0')));
                i += 3;
            }
            else
            {
                sb.Append(field[i]);
            }
        }

        return sb.ToString();
    }

    private static bool IsOctal(char c) => c is >= '0' and <= '7';
}
