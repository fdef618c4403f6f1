namespace S3Spec.Benchmarks;

/// <summary>Command line: `--quick` (tiny sizes, CI), `--only a,b` (workload names), `--peers a,b`, `--out FILE`.</summary>
internal sealed record BenchOptions(bool Quick, IReadOnlySet<string>? Only, IReadOnlySet<string> Peers, string? Out, string Scratch, int? TreeDirs, string? CloneScratch = null)
{
    public static readonly string[] AllWorkloads =
    [
        "probes", "putget", "multipart", "concurrent", "small", "latency", "list", "listflat", "firstlist", "complete", "cli",
        "sync", "start",
    ];

    public static BenchOptions Parse(string[] args)
    {
        var quick = false;
        HashSet<string>? only = null;
        var peers = new HashSet<string>(["moto", "s3rver"], StringComparer.Ordinal);
        string? output = null;
        var scratch = "/tmp/s3spec-bench";
        int? treeDirs = null;
        string? cloneScratch = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    quick = true;
                    break;
                case "--only":
                    only = new HashSet<string>(args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);
                    foreach (var name in only)
                    {
                        if (Array.IndexOf(AllWorkloads, name) < 0)
                        {
                            throw new ArgumentException($"Unknown workload '{name}'. Known: {string.Join(',', AllWorkloads)}");
                        }
                    }

                    break;
                case "--peers":
                    peers = new HashSet<string>(args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);
                    break;
                case "--out":
                    output = args[++i];
                    break;
                case "--tree-dirs":
                    treeDirs = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture);
                    break;
                case "--scratch":
                    scratch = args[++i];
                    break;
                case "--clone-scratch":
                    cloneScratch = args[++i];
                    break;
                default:
                    throw new ArgumentException($"Unknown argument '{args[i]}'. Usage: [--quick] [--only {string.Join(',', AllWorkloads)}] [--peers moto,s3rver] [--out FILE] [--scratch DIR] [--tree-dirs N] [--clone-scratch DIR]");
            }
        }

        return new BenchOptions(quick, only, peers, output, scratch, treeDirs, cloneScratch);
    }

    public bool Runs(string workload) => Only is null || Only.Contains(workload);

    public Scale Scale => (Quick ? Scale.QuickScale : Scale.Full) is var s && TreeDirs is { } dirs ? s with { TreeDirs = dirs } : Quick ? Scale.QuickScale : Scale.Full;
}
