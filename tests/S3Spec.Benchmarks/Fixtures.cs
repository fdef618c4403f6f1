using System.Diagnostics;
using System.Globalization;

namespace S3Spec.Benchmarks;

/// <summary>
/// File trees made directly on disk (outside the API), cached in fixed directories under the scratch root and
/// reused across runs: a `.complete` file beside the bucket marks a finished tree.
/// </summary>
internal static class Fixtures
{
    private static readonly byte[] Content = "benchmark fixture file\n"u8.ToArray();

    /// <summary>DataRoot/tree: `dirs` directories d00000.. of `files` files f000000.. each.</summary>
    public static string Tree(string scratch, int dirs, int files) =>
        Ensure(Path.Combine(scratch, $"tree-{dirs}x{files}"), "tree", dirs, files);

    /// <summary>DataRoot/flat: one directory of `files` files.</summary>
    public static string Flat(string scratch, int files) =>
        Ensure(Path.Combine(scratch, $"flat-{files}"), "flat", 0, files);

    public static string DirName(int d) => $"d{d.ToString("D5", CultureInfo.InvariantCulture)}";

    public static string FileName(int f) => $"f{f.ToString("D7", CultureInfo.InvariantCulture)}";

    /// <summary>Writes `dirs` x `files` (dirs 0: flat) small files under `bucketDir`, two writers in parallel.</summary>
    public static void Write(string bucketDir, int dirs, int files)
    {
        Directory.CreateDirectory(bucketDir);
        if (dirs == 0)
        {
            Parallel.For(0, 2, half =>
            {
                for (var f = half; f < files; f += 2)
                {
                    File.WriteAllBytes(Path.Combine(bucketDir, FileName(f)), Content);
                }
            });
            return;
        }

        Parallel.For(0, dirs, new ParallelOptions { MaxDegreeOfParallelism = 2 }, d =>
        {
            var dir = Directory.CreateDirectory(Path.Combine(bucketDir, DirName(d))).FullName;
            for (var f = 0; f < files; f++)
            {
                File.WriteAllBytes(Path.Combine(dir, FileName(f)), Content);
            }
        });
    }

    /// <summary>A plain sorted walk (names sorted by ordinal, directories as `name/`), as a lower bound for a listing.</summary>
    public static long SortedWalk(string dir)
    {
        var entries = new List<(string Key, bool IsDir, string Path)>();
        foreach (var info in new DirectoryInfo(dir).EnumerateFileSystemInfos())
        {
            var isDir = (info.Attributes & FileAttributes.Directory) != 0;
            entries.Add((isDir ? info.Name + "/" : info.Name, isDir, info.FullName));
        }

        entries.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        long count = 0;
        foreach (var (_, isDir, path) in entries)
        {
            count += isDir ? SortedWalk(path) : 1;
        }

        return count;
    }

    private static string Ensure(string root, string bucket, int dirs, int files)
    {
        var marker = Path.Combine(root, ".complete");
        if (File.Exists(marker))
        {
            return root;
        }

        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }

        Console.WriteLine($"  making fixture {root} ({(dirs == 0 ? files : (long)dirs * files):#,0} files; cached for later runs)");
        var clock = Stopwatch.StartNew();
        Write(Path.Combine(root, bucket), dirs, files);
        File.WriteAllText(marker, clock.Elapsed.ToString());
        Console.WriteLine($"  fixture made in {clock.Elapsed.TotalSeconds:0} s");
        return root;
    }
}
