using S3Spec.Admin.Cli;
using S3Spec.Auth.Keys;

namespace S3Spec.Admin.Keys;

/// <summary>The keys file as the admin command reads and replaces it, with the operator's messages.</summary>
internal static class KeyRing
{
    /// <summary>The keys; an empty list for a missing file when <paramref name="mustExist"/> is false.</summary>
    public static List<AccessKey> Load(string path, bool mustExist)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            if (mustExist)
            {
                throw AdminException.NotFound($"The keys file '{path}' does not exist (use --keys-file or --data-root; 'key create' makes it).");
            }

            return [];
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw AdminException.Usage($"The keys file '{path}' cannot be read: {e.Message}");
        }

        try
        {
            return KeysFile.Parse(bytes);
        }
        catch (FormatException e)
        {
            throw AdminException.Usage($"The keys file '{path}' is invalid: {e.Message}.");
        }
    }

    public static void Save(string path, IReadOnlyList<AccessKey> keys)
    {
        try
        {
            KeysFileWriter.Write(path, keys);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw AdminException.Usage($"The keys file '{path}' cannot be written: {e.Message}");
        }
    }

    /// <summary>The index of <paramref name="accessKeyId"/>; NotFound when the file has no such key.</summary>
    public static int IndexOf(List<AccessKey> keys, string accessKeyId, string path)
    {
        for (var i = 0; i < keys.Count; i++)
        {
            if (string.Equals(keys[i].AccessKeyId, accessKeyId, StringComparison.Ordinal))
            {
                return i;
            }
        }

        throw AdminException.NotFound($"The access key '{accessKeyId}' is not in {path}.");
    }
}
