using System.Diagnostics;

namespace S3Spec.Benchmarks;

/// <summary>Closed-loop load: N clients each run one operation after another for a fixed time.</summary>
internal static class Load
{
    public static async Task<LoadResult> RunAsync(int clients, TimeSpan duration, Func<int, long, Task> operation)
    {
        // One warm-up round per client (connections, JIT) outside the measurement.
        var warm = new Task[clients];
        for (var c = 0; c < clients; c++)
        {
            warm[c] = operation(c, -1 - c);
        }

        await Task.WhenAll(warm);
        var latencies = new List<double>[clients];
        var clock = Stopwatch.StartNew();
        var tasks = new Task[clients];
        for (var c = 0; c < clients; c++)
        {
            var client = c;
            latencies[c] = new List<double>(4096);
            tasks[c] = Task.Run(async () =>
            {
                long n = 0;
                while (clock.Elapsed < duration)
                {
                    var t0 = Stopwatch.GetTimestamp();
                    await operation(client, (n++ * clients) + client);
                    latencies[client].Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
                }
            });
        }

        await Task.WhenAll(tasks);
        var seconds = clock.Elapsed.TotalSeconds;
        var all = new List<double>();
        foreach (var list in latencies)
        {
            all.AddRange(list);
        }

        all.Sort();
        return new LoadResult(all.Count, seconds, all);
    }

    public static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}

internal sealed record LoadResult(int Operations, double Seconds, IReadOnlyList<double> SortedLatenciesMs)
{
    public double OpsPerSecond => Operations / Seconds;

    public double P50 => Load.Percentile(SortedLatenciesMs, 0.50);

    public double P99 => Load.Percentile(SortedLatenciesMs, 0.99);
}
