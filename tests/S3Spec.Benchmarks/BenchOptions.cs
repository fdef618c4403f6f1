namespace S3Spec.Benchmarks;

/// <summary>Command line: `--quick` (tiny sizes, CI), `--only a,b` (workload names), `--peers a,b`, `--out FILE`, `--curve-keys` (listing curve points).</summary>
internal sealed record BenchOptions(bool Quick, IReadOnlySet<string>? Only, IReadOnlySet<string> Peers, string? Out, string Scratch, int? TreeDirs, string? CloneScratch = null, int[]? CurveKeys = null)
{
    public static readonly string[] AllWorkloads =
    [
        "probes", "putget", "multipart", "concurrent", "partcurve", "small", "latency", "wrk", "clients", "list", "listflat",
        "firstlist", "listcurve", "complete", "cli", "sync", "start",
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
        int[]? curveKeys = null;
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
                case "--curve-keys":
                    curveKeys = [.. args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries).Select(k => int.Parse(k, System.Globalization.CultureInfo.InvariantCulture))];
                    break;
                default:
                    throw new ArgumentException($"Unknown argument '{args[i]}'. Usage: [--quick] [--only {string.Join(',', AllWorkloads)}] [--peers moto,s3rver] [--out FILE] [--scratch DIR] [--tree-dirs N] [--clone-scratch DIR] [--curve-keys 10000,100000]");
            }
        }

        return new BenchOptions(quick, only, peers, output, scratch, treeDirs, cloneScratch, curveKeys);
    }

    public bool Runs(string workload) => Only is null || Only.Contains(workload);

    public Scale Scale => (Quick ? Scale.QuickScale : Scale.Full) is var s && TreeDirs is { } dirs ? s with { TreeDirs = dirs } : Quick ? Scale.QuickScale : Scale.Full;
}
