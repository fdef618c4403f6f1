using System.Globalization;
using System.Text.RegularExpressions;

namespace S3Spec.Benchmarks;

/// <summary>
/// wrk (a C load generator, `apt-get install wrk`), when installed: small requests driven by a client whose own cost
/// is small, one wrk thread (`-t1 -cN`), so the server's cost shows. GET needs no script; PUT gets a Lua script
/// (<see cref="WrkScripts"/>) that sets the method and the body. HEAD is driven by <see cref="HeadLoad"/> instead
/// (wrk waits for a HEAD answer's announced body). Without wrk the rows are missing and a note says so.
/// </summary>
internal static partial class Wrk
{
    public static bool Available { get; } = File.Exists("/usr/bin/wrk") || File.Exists("/usr/local/bin/wrk");

    public const string MissingNote = "wrk is not installed (apt-get install -y wrk): the wrk rows and curves are missing";

    /// <summary>
    /// Runs wrk against one URL (a presigned URL carries its signature in the query, valid for <paramref name="method"/>)
    /// for <paramref name="duration"/>; fails on any non-2xx answer.
    /// </summary>
    public static async Task<WrkResult> RunAsync(Uri url, HttpMethod method, int bodyBytes, int connections, TimeSpan duration, string scratch)
    {
        if (method == HttpMethod.Head)
        {
            return await HeadLoad.RunAsync(url, connections, duration);
        }

        var seconds = Math.Max(1, (int)Math.Round(duration.TotalSeconds));
        var script = WrkScripts.For(method, bodyBytes, scratch);
        var r = await Shell.RunAsync($"wrk -t1 -c{connections} -d{seconds}s --latency --timeout 10s{(script is null ? "" : $" -s '{script}'")} '{url}'");
        r.EnsureSuccess("wrk");
        var rps = RequestsPerSecond().Match(r.Output);
        var count = RequestCount().Match(r.Output);
        if (!rps.Success || !count.Success)
        {
            throw new InvalidOperationException("wrk printed no Requests/sec: " + r.Output);
        }

        if (r.Output.Contains("Non-2xx", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"wrk saw error answers to {method}: " + r.Output);
        }

        var latencies = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (Match m in Percentile().Matches(r.Output))
        {
            latencies[m.Groups[1].Value] = double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture) * Milliseconds(m.Groups[3].Value);
        }

        var timeouts = Timeouts().Match(r.Output);
        return new WrkResult(
            double.Parse(rps.Groups[1].Value, CultureInfo.InvariantCulture),
            long.Parse(count.Groups[1].Value, CultureInfo.InvariantCulture),
            latencies.GetValueOrDefault("50", double.NaN),
            latencies.GetValueOrDefault("99", double.NaN),
            r.ChildCpu ?? 0,
            timeouts.Success ? int.Parse(timeouts.Groups[1].Value, CultureInfo.InvariantCulture) : 0);
    }

    private static double Milliseconds(string unit) => unit switch
    {
        "us" => 0.001,
        "ms" => 1,
        "s" => 1000,
        _ => 60_000,
    };

    [GeneratedRegex(@"Requests/sec:\s+([0-9.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"(\d+) requests in ")]
    private static partial Regex RequestCount();

    [GeneratedRegex(@"^\s+(50|99)%\s+([0-9.]+)(us|ms|s|m)\s*$", RegexOptions.Multiline)]
    private static partial Regex Percentile();

    [GeneratedRegex(@"Socket errors:.*timeout (\d+)")]
    private static partial Regex Timeouts();
}

/// <summary>One wrk run: rate, requests completed, latency percentiles (ms), wrk's own CPU seconds, timeouts.</summary>
internal sealed record WrkResult(double OpsPerSecond, long Requests, double P50Ms, double P99Ms, double ClientCpu, int Timeouts);
