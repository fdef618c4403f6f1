using Amazon.S3;

namespace S3Spec.Benchmarks;

/// <summary>What every workload gets: options, sizes, the limits measured first, the running targets, the results.</summary>
internal sealed class BenchContext(BenchOptions options, RunResults results, Limits limits, IReadOnlyList<Target> targets)
{
    public BenchOptions Options => options;

    public Scale Scale => options.Scale;

    public RunResults Results => results;

    public Limits Limits => limits;

    public IReadOnlyList<Target> Targets => targets;

    public Target S3Spec => targets[0];

    /// <summary>
    /// Runs a body per target (S3Spec first, then the peers when <paramref name="withPeers"/>). A peer that fails is
    /// noted and skipped; an S3Spec failure fails the workload.
    /// </summary>
    public async Task ForEachTargetAsync(string workload, bool withPeers, Func<Target, AmazonS3Client, Task> body)
    {
        foreach (var target in targets)
        {
            if (target.Kind != TargetKind.S3Spec && !withPeers)
            {
                continue;
            }

            using var client = target.CreateClient();
            try
            {
                await body(target, client);
            }
            catch (Exception ex) when (target.Kind != TargetKind.S3Spec)
            {
                var message = $"{workload}: peer {target.Name} failed: {ex.GetType().Name}: {FirstLine(ex.Message)}";
                results.Notes.Add(message);
                Console.WriteLine("  " + message);
            }
        }
    }

    public static string FirstLine(string text)
    {
        var end = text.IndexOf('\n', StringComparison.Ordinal);
        var line = end < 0 ? text : text[..end];
        return line.Length > 200 ? line[..200] : line;
    }

    public static double MiB(long bytes) => bytes / 1048576.0;
}
