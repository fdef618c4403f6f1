namespace S3Spec.Benchmarks;

/// <summary>One measured figure of one workload on one target (S3Spec, a peer, or a limit probe).</summary>
internal sealed record ResultRow(
    string Workload,
    string Target,
    string Metric,
    double Value,
    string Unit,
    double? Ratio = null,
    double? ClientCpu = null,
    double? ServerCpu = null,
    double? MaxRssMiB = null,
    string Note = "",
    double? ServerUsPerOp = null,
    double? AllocBytesPerOp = null)
{
    /// <summary>The same row with the server's cost per request of a measured block.</summary>
    public ResultRow WithCost(Cost cost) => this with
    {
        ServerCpu = ServerCpu ?? cost.Cpu.ServerCpu,
        ServerUsPerOp = cost.ServerUsPerRequest,
        AllocBytesPerOp = cost.AllocatedBytesPerRequest,
    };
}

/// <summary>A goal of the brief and whether the measured figure meets it.</summary>
internal sealed record GoalRow(string Workload, string Goal, string Measured, bool Met);

/// <summary>Everything one run measured, and the workloads that failed.</summary>
internal sealed class RunResults
{
    public List<ResultRow> Rows { get; } = [];

    public List<GoalRow> Goals { get; } = [];

    public List<string> Errors { get; } = [];

    public List<string> Notes { get; } = [];

    public List<Curve> Curves { get; } = [];

    public void Add(ResultRow row)
    {
        lock (Rows)
        {
            Rows.Add(row);
        }

        Console.WriteLine($"  {row.Workload,-12} {row.Target,-22} {row.Metric,-28} {Format(row.Value)} {row.Unit}"
            + (row.Ratio is { } r ? $"  ratio {r:0.00}" : "")
            + (row.ClientCpu is { } c ? $"  client cpu {c:0.0}s" : "")
            + (row.ServerCpu is { } s ? $"  server cpu {s:0.0}s" : "")
            + (row.MaxRssMiB is { } m ? $"  max rss {m:0} MiB" : "")
            + (row.ServerUsPerOp is { } us ? $"  server {us:0} us/req" : "")
            + (row.AllocBytesPerOp is { } b ? $"  {b:0} B/req allocated" : ""));
    }

    public void Goal(string workload, string goal, string measured, bool met)
    {
        Goals.Add(new GoalRow(workload, goal, measured, met));
        Console.WriteLine($"  goal {(met ? "MET    " : "NOT MET")} {goal}: {measured}");
    }

    public static string Format(double value) => value switch
    {
        >= 1000 => value.ToString("#,0", System.Globalization.CultureInfo.InvariantCulture),
        >= 10 => value.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString("0.00#", System.Globalization.CultureInfo.InvariantCulture),
    };
}
