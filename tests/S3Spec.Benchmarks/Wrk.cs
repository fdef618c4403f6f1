using System.Globalization;
using System.Text.RegularExpressions;

namespace S3Spec.Benchmarks;

/// <summary>
/// wrk (a C load generator, `apt-get install wrk`), when installed: the same small GET driven by a client whose own
/// cost is small, against the loopback ceiling and against S3Spec, so the ratio shows the server's share alone.
/// </summary>
internal static partial class Wrk
{
    public static bool Available { get; } = File.Exists("/usr/bin/wrk") || File.Exists("/usr/local/bin/wrk");

    /// <summary>Requests per second of GET <paramref name="url"/> at <paramref name="connections"/> connections (one wrk thread).</summary>
    public static async Task<(double OpsPerSecond, double ClientCpu)> GetAsync(Uri url, int connections, TimeSpan duration)
    {
        var seconds = Math.Max(1, (int)duration.TotalSeconds);
        var r = await Shell.RunAsync($"wrk -t1 -c{connections} -d{seconds}s '{url}'");
        r.EnsureSuccess("wrk");
        var m = RequestsPerSecond().Match(r.Output);
        if (!m.Success)
        {
            throw new InvalidOperationException("wrk printed no Requests/sec: " + r.Output);
        }

        if (r.Output.Contains("Non-2xx", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("wrk saw error answers: " + r.Output);
        }

        return (double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), r.ChildCpu ?? 0);
    }

    [GeneratedRegex(@"Requests/sec:\s+([0-9.]+)")]
    private static partial Regex RequestsPerSecond();
}
