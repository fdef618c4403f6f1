using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace S3Spec.Features.Drivers;

/// <summary>
/// What the operator does to a data root: quotas in `.s3spec/volumes.json`, a small tmpfs as a data root that fills
/// up, and the staging folder of a volume as it is on disk.
/// </summary>
public static class Volumes
{
    public const string StagingFolder = ".s3compat_uploads";
    private static readonly Lock QuotaGate = new();

    /// <summary>Sets one volume's quota in the data root's registry, keeping the others (written atomically).</summary>
    public static void SetQuota(string dataRoot, string volume, long quotaBytes)
    {
        lock (QuotaGate)
        {
            var directory = Directory.CreateDirectory(Path.Combine(dataRoot, ".s3spec")).FullName;
            var path = Path.Combine(directory, "volumes.json");
            var document = File.Exists(path) ? JsonNode.Parse(File.ReadAllText(path))?.AsObject() ?? [] : [];
            var volumes = document["volumes"]?.AsObject() ?? [];
            document["volumes"] = volumes;
            volumes[volume] = new JsonObject { ["quotaBytes"] = quotaBytes };
            var temp = path + ".tmp";
            File.WriteAllText(temp, document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            File.Move(temp, path, overwrite: true);
        }
    }

    /// <summary>Mounts a tmpfs of the given size (needs root); disposing unmounts it.</summary>
    public static async Task<IAsyncDisposable> MountTmpfsAsync(string directory, int megabytes)
    {
        Directory.CreateDirectory(directory);
        await RunAsync("mount", "-t", "tmpfs", "-o", $"size={megabytes}m", "tmpfs", directory);
        return new Unmount(directory);
    }

    /// <summary>Files under the volume's staging folder (relative, '/' separators), optionally under one sub-folder.</summary>
    public static IReadOnlyList<string> StagingFiles(string volumePath, string under = "")
    {
        var root = Path.Combine(volumePath, StagingFolder, under);
        return Directory.Exists(root)
            ? Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Select(p => Path.GetRelativePath(Path.Combine(volumePath, StagingFolder), p)).Order(StringComparer.Ordinal).ToList()
            : [];
    }

    /// <summary>Sets the modification time of a staging sub-folder and everything in it back (an upload left untouched).</summary>
    public static void Age(string volumePath, string under, TimeSpan age)
    {
        var root = Path.Combine(volumePath, StagingFolder, under);
        var when = DateTime.UtcNow - age;
        foreach (var file in Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories))
        {
            File.SetLastWriteTimeUtc(file, when);
        }

        Directory.SetLastWriteTimeUtc(root, when);
    }

    private static async Task RunAsync(string executable, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(executable, arguments) { RedirectStandardError = true, UseShellExecute = false })
            ?? throw new InvalidOperationException($"{executable} did not start");
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{executable} {string.Join(' ', arguments)} exited with {process.ExitCode}: {error}");
        }
    }

    private sealed class Unmount(string directory) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await RunAsync("umount", "-l", directory);
            }
            catch (InvalidOperationException)
            {
                // Already gone; nothing to clean.
            }
        }
    }
}
