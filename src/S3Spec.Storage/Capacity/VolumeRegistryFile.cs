using System.Text.Json;
using System.Text.Json.Nodes;
using S3Spec.Posix;
using S3Spec.Storage.Contract;

namespace S3Spec.Storage.Capacity;

/// <summary>
/// The volume registry file <c>&lt;DataRoot&gt;/.s3spec/volumes.json</c> for tools (the admin command): read it as the
/// server does, and change one volume's entry atomically (<see cref="AtomicFile"/>: temp file, fsync, rename, fsync of the directory) keeping every other entry and
/// property. Writers of one data root are serialised by an exclusive lock on <c>volumes.json.lock</c>.
/// </summary>
public static class VolumeRegistryFile
{
    private const string LockSuffix = ".lock";
    private const long LockWaitMs = 10_000;

    /// <summary>The registry's path under <paramref name="dataRoot"/>.</summary>
    public static string PathFor(string dataRoot) =>
        StoreLayout.VolumesFile(dataRoot);

    /// <summary>True when <paramref name="name"/> is a valid volume (bucket) name, as the server requires.</summary>
    public static bool IsValidVolumeName(string name) => name is not null && BucketName.IsValid(name);

    /// <summary>Quotas in bytes by volume; empty when the file does not exist. Throws <see cref="FormatException"/> when invalid.</summary>
    public static IReadOnlyDictionary<string, long> ReadQuotas(string dataRoot)
    {
        var bytes = ReadOrNull(PathFor(dataRoot));
        return bytes is null ? new Dictionary<string, long>(StringComparer.Ordinal) : ParseChecked(bytes);
    }

    /// <summary>Sets (or with null removes) the quota of <paramref name="volume"/>; an entry left empty is removed.</summary>
    public static void SetQuota(string dataRoot, string volume, long? quotaBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(quotaBytes ?? 0, nameof(quotaBytes));
        Update(dataRoot, volumes =>
        {
            if (quotaBytes is { } q)
            {
                if (volumes[volume] is not JsonObject entry)
                {
                    entry = new JsonObject();
                    volumes[volume] = entry;
                }

                entry["quotaBytes"] = q;
            }
            else if (volumes[volume] is JsonObject entry)
            {
                entry.Remove("quotaBytes");
                if (entry.Count == 0)
                {
                    volumes.Remove(volume);
                }
            }
        });
    }

    /// <summary>Removes the whole entry of <paramref name="volume"/> (nothing when it has none).</summary>
    public static void RemoveVolume(string dataRoot, string volume) =>
        Update(dataRoot, volumes => volumes.Remove(volume));

    private static void Update(string dataRoot, Action<JsonObject> change)
    {
        var path = PathFor(dataRoot);
        var directory = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(directory);
        using var gate = AcquireLock(path + LockSuffix);
        var bytes = ReadOrNull(path);
        JsonObject root;
        if (bytes is null)
        {
            root = [];
        }
        else
        {
            ParseChecked(bytes);
            root = JsonNode.Parse(bytes)!.AsObject();
        }

        if (root["volumes"] is not JsonObject volumes)
        {
            volumes = [];
            root["volumes"] = volumes;
        }

        change(volumes);
        var content = JsonSerializer.SerializeToUtf8Bytes(root, new JsonSerializerOptions { WriteIndented = true });
        AtomicFile.Replace(path, content, mode: null);
    }

    private static Dictionary<string, long> ParseChecked(byte[] bytes)
    {
        try
        {
            return QuotaFile.Parse(bytes);
        }
        catch (JsonException e)
        {
            throw new FormatException($"not valid JSON ({e.Message})", e);
        }
    }

    private static byte[]? ReadOrNull(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    private static FileStream AcquireLock(string path)
    {
        var deadline = Environment.TickCount64 + LockWaitMs;
        while (true)
        {
            try
            {
                // On Unix FileShare.None takes an advisory exclusive flock: a second writer waits here.
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (Environment.TickCount64 < deadline && File.Exists(path))
            {
                Thread.Sleep(50);
            }
        }
    }
}
