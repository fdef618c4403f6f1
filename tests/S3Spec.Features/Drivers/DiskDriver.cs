using System.Diagnostics;
using System.Text;

namespace S3Spec.Features.Drivers;

/// <summary>Reads and writes a volume's files directly, as a pod mounting the volume would.</summary>
public sealed class DiskDriver(string volumePath)
{
    public string VolumePath { get; } = volumePath;

    public string PathOf(string key) => Path.Combine(VolumePath, key);

    public void WriteFile(string relative, string content)
    {
        var path = PathOf(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content, new UTF8Encoding(false));
    }

    public string ReadFile(string relative) => File.ReadAllText(PathOf(relative), Encoding.UTF8);

    public bool FileExists(string relative) => File.Exists(PathOf(relative));

    public bool DirectoryExists(string relative) => Directory.Exists(PathOf(relative));

    public bool Exists(string relative) => File.Exists(PathOf(relative)) || Directory.Exists(PathOf(relative)) || new FileInfo(PathOf(relative)).LinkTarget is not null;

    public void MakeDirectory(string relative) => Directory.CreateDirectory(PathOf(relative));

    public void MakeSymlink(string relative, string target) => File.CreateSymbolicLink(PathOf(relative), target);

    public void MakeFifo(string relative)
    {
        using var mkfifo = Process.Start("mkfifo", [PathOf(relative)]) ?? throw new InvalidOperationException("mkfifo did not start");
        mkfifo.WaitForExit();
        if (mkfifo.ExitCode != 0)
        {
            throw new InvalidOperationException($"mkfifo exited with {mkfifo.ExitCode}");
        }
    }

    /// <summary>Every file and directory under the volume, relative and with '/' separators (directories end in '/').</summary>
    public IReadOnlyList<string> Entries() =>
        Directory.EnumerateFileSystemEntries(VolumePath, "*", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(VolumePath, p) + (Directory.Exists(p) ? "/" : ""))
            .Order(StringComparer.Ordinal)
            .ToList();
}
