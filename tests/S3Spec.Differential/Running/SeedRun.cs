using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using S3Spec.Differential.Generation;
using S3Spec.Differential.Model;
using S3Spec.Differential.Servers;

namespace S3Spec.Differential.Running;

/// <summary>The totals of a run over many seeds.</summary>
internal sealed class RunSummary
{
    public int Sequences { get; set; }

    public int Steps { get; set; }

    public Dictionary<ClientStack, int> ByStack { get; } = [];

    public Dictionary<Op, int> ByOp { get; } = [];

    public Dictionary<string, int> Declared { get; } = new(StringComparer.Ordinal);

    public int Identical { get; set; }

    public List<string> Findings { get; } = [];

    public TimeSpan Elapsed { get; set; }

    public override string ToString()
    {
        var sb = new System.Text.StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"{Sequences} sequences, {Steps} steps in {Elapsed.TotalSeconds:0} s; {Identical} steps answered identically after normalisation");
        sb.AppendLine("  by stack: " + string.Join(", ", ByStack.OrderBy(k => k.Key).Select(k => $"{k.Key} {k.Value}")));
        sb.AppendLine("  by operation: " + string.Join(", ", ByOp.OrderBy(k => k.Key).Select(k => $"{k.Key} {k.Value}")));
        sb.AppendLine("  declared divergences met: " + (Declared.Count == 0 ? "none" : string.Join(", ", Declared.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => $"{k.Key} {k.Value}"))));
        sb.AppendLine(CultureInfo.InvariantCulture, $"  undeclared divergences: {Findings.Count}");
        return sb.ToString();
    }
}

/// <summary>Runs seeds: generate, run in lockstep, and on an undeclared divergence shrink and print the reproduction.</summary>
internal sealed class SeedRun(Harness harness, TextWriter log, bool shrink = true, int shrinkRuns = 200)
{
    private readonly SequenceRunner runner = new(harness);

    public async Task<RunSummary> RunAsync(IEnumerable<int> seeds, int ops, CancellationToken cancellationToken)
    {
        var summary = new RunSummary();
        var clock = Stopwatch.StartNew();
        foreach (var seed in seeds)
        {
            var steps = SequenceGenerator.Generate(seed, ops);
            var result = await runner.RunAsync($"s{seed}", steps, stopAtFailure: true, cancellationToken);
            Count(summary, result);
            if (result.Failure is null)
            {
                continue;
            }

            var finding = await ReportAsync(seed, ops, result, cancellationToken);
            summary.Findings.Add(finding);
            log.WriteLine(finding);
        }

        summary.Elapsed = clock.Elapsed;
        return summary;
    }

    public async Task<RunSummary> ReplayAsync(string file, CancellationToken cancellationToken)
    {
        var steps = JsonSerializer.Deserialize<List<Step>>(await File.ReadAllTextAsync(file, cancellationToken), Reproduction.Json)!;
        var summary = new RunSummary();
        var result = await runner.RunAsync("replay", steps, stopAtFailure: false, cancellationToken);
        Count(summary, result);
        foreach (var r in result.Records)
        {
            log.WriteLine($"{r.Index,3}. {Reproduction.Describe(r.Step)}");
            log.WriteLine($"     S3Spec: {r.S3Spec}");
            log.WriteLine($"     moto:   {r.Moto}");
            foreach (var d in r.Differences)
            {
                log.WriteLine($"     {(r.Unexplained.Contains(d) ? "UNDECLARED" : "declared")} {d}");
            }
        }

        if (result.Failure is not null)
        {
            summary.Findings.Add("replay: " + result.Failure.Signature);
        }

        return summary;
    }

    /// <summary>
    /// Survey mode (while writing the divergence table): runs every step of every seed, groups the undeclared
    /// differences by signature and prints one example of each; no shrinking.
    /// </summary>
    public async Task<RunSummary> SurveyAsync(IEnumerable<int> seeds, int ops, CancellationToken cancellationToken)
    {
        var summary = new RunSummary();
        var clock = Stopwatch.StartNew();
        var groups = new Dictionary<string, (int Count, string Example)>(StringComparer.Ordinal);
        foreach (var seed in seeds)
        {
            var result = await runner.RunAsync($"v{seed}", SequenceGenerator.Generate(seed, ops), stopAtFailure: false, cancellationToken);
            Count(summary, result);
            if (summary.Sequences % 10 == 0)
            {
                log.WriteLine($"  ... {summary.Sequences} sequences, {summary.Steps} steps, {clock.Elapsed.TotalSeconds:0} s, {groups.Count} kinds undeclared so far");
            }

            foreach (var r in result.Records.Where(r => r.Failed))
            {
                var key = $"{r.Step.Op}/{r.Step.Stack}: " + string.Join(",", r.Unexplained.Select(d => d.Field.Split('[')[0]).Distinct());
                var example = $"seed {seed} step {r.Index}: {Reproduction.Describe(r.Step)}\n      " + string.Join("\n      ", r.Unexplained.Take(6));
                groups[key] = (groups.GetValueOrDefault(key).Count + 1, groups.GetValueOrDefault(key).Example ?? example);
            }
        }

        foreach (var (key, (count, example)) in groups.OrderByDescending(g => g.Value.Count))
        {
            log.WriteLine($"{count,5} × {key}\n    {example}");
            summary.Findings.Add(key);
        }

        summary.Elapsed = clock.Elapsed;
        return summary;
    }

    private async Task<string> ReportAsync(int seed, int ops, SequenceResult result, CancellationToken cancellationToken)
    {
        var final = result;
        var steps = result.Steps.Take(result.Failure!.Index + 1).ToList();
        if (shrink)
        {
            log.WriteLine($"seed {seed}: undeclared divergence at step {result.Failure.Index} ({result.Failure.Signature}); shrinking");
            (steps, final) = await new Shrinker(runner, shrinkRuns, log).ShrinkAsync($"s{seed}", result, cancellationToken);
        }

        var dir = Path.Combine(RepoPaths.TryFindRoot() ?? Path.GetTempPath(), "artifacts", "differential");
        Directory.CreateDirectory(dir);
        var file = Path.Combine(dir, $"seed-{seed}.json");
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(steps, Reproduction.Json), cancellationToken);
        return Reproduction.Format(seed, ops, final, steps, Path.GetRelativePath(RepoPaths.TryFindRoot() ?? ".", file));
    }

    private static void Count(RunSummary summary, SequenceResult result)
    {
        summary.Sequences++;
        foreach (var r in result.Records)
        {
            summary.Steps++;
            summary.ByStack[r.Step.Stack] = summary.ByStack.GetValueOrDefault(r.Step.Stack) + 1;
            summary.ByOp[r.Step.Op] = summary.ByOp.GetValueOrDefault(r.Step.Op) + 1;
            if (r.Differences.Count == 0)
            {
                summary.Identical++;
            }

            foreach (var d in r.Declared)
            {
                summary.Declared[d.Id] = summary.Declared.GetValueOrDefault(d.Id) + 1;
            }
        }
    }
}
