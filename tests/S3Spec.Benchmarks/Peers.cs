using System.Globalization;

namespace S3Spec.Benchmarks;

internal static class Peers
{
    /// <summary>Installs s3rver from the committed package-lock.json when node_modules is missing (`npm ci`).</summary>
    public static async Task EnsureS3rverAsync()
    {
        var dir = Path.Combine(RepoPaths.Root(), "tests", "S3Spec.Benchmarks", "peers");
        if (File.Exists(Path.Combine(dir, "node_modules", "s3rver", "bin", "s3rver.js")))
        {
            return;
        }

        Console.WriteLine("  installing s3rver (npm ci)");
        (await Shell.RunAsync($"cd '{dir}' && npm ci --no-audit --no-fund")).EnsureSuccess("npm ci");
    }
}

internal static class Machine
{
    /// <summary>The 1/5/15-minute load averages: other work on the machine distorts every figure.</summary>
    public static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ')[..3]);

    public static string Describe()
    {
        var memory = "";
        foreach (var line in File.ReadLines("/proc/meminfo"))
        {
            if (line.StartsWith("MemTotal:", StringComparison.Ordinal))
            {
                memory = $"{long.Parse(line[9..].Trim().TrimEnd('B', 'k').Trim(), CultureInfo.InvariantCulture) / 1048576.0:0} GiB RAM";
                break;
            }
        }

        return $"{Environment.ProcessorCount} cores shared by client and server, {memory}, {Environment.OSVersion}, .NET {Environment.Version}";
    }
}
