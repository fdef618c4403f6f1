using System.Globalization;
using S3Spec.Reliability.Harness;

namespace S3Spec.Reliability;

/// <summary>
/// The long reliability runs (docs/reliability.md): kill -9 during every write path (default 100 runs), then a bounded
/// load run (default 64 clients, 100 000 requests, at most 10 minutes). Exit code 0 only when nothing was lost or torn and
/// the server answered no 5xx other than 503 SlowDown.
/// Usage: dotnet run -c Release --project tests/S3Spec.Reliability.Long -- [--kill-runs N] [--clients N] [--requests N] [--minutes N] [--seed N]
/// </summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
        var killRuns = Arg(args, "--kill-runs", 100);
        var clients = Arg(args, "--clients", 64);
        var requests = Arg(args, "--requests", 100_000);
        var minutes = Arg(args, "--minutes", 10);
        var seed = Arg(args, "--seed", 1);
        var ok = true;

        if (killRuns > 0)
        {
            using var box = new Sandbox("s3spec-long-kill-");
            var volume = box.Volume("killvol");
            await using var server = await TestServer.StartAsync(box.Data, Sandbox.NewCreds());
            Console.WriteLine($"kill -9 runs: {killRuns} (seed {seed})");
            var report = await new KillScenario(server, volume, seed).RunAsync(killRuns, Console.WriteLine);
            Console.WriteLine(report);
            ok &= report.Failures.Count == 0 && report.PartsVanished == 0; // 409 retries are reported, not failed
        }

        if (clients > 0 && requests > 0)
        {
            using var box = new Sandbox("s3spec-long-load-");
            box.Volume("loadvol");
            await using var server = await TestServer.StartAsync(box.Data, Sandbox.NewCreds());
            Console.WriteLine($"load: {clients} clients, {requests} requests, at most {minutes} min");
            var report = await new LoadScenario(server, "loadvol").RunAsync(clients, requests, TimeSpan.FromMinutes(minutes), Console.WriteLine);
            Console.WriteLine(report);
            ok &= report.ServerErrors == 0 && report.Lost == 0 && report.TransportErrors == 0 && report.MemoryFlat;
        }

        Console.WriteLine(ok ? "RESULT: PASS" : "RESULT: FAIL");
        return ok ? 0 : 1;
    }

    private static int Arg(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
