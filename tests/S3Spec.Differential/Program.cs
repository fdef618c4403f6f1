using System.Globalization;
using S3Spec.Differential.Protocol;
using S3Spec.Differential.Running;
using S3Spec.Differential.Servers;

namespace S3Spec.Differential;

/// <summary>
/// The differential harness as a command (docs/differential.md):
///   --seeds N (10) --first S (1) --ops M (100): seeds S..S+N-1, M operations each
///   --seed S: that seed only; --replay FILE: the steps of a reproduction file
///   --no-shrink, --no-protocol, --protocol-only
/// Exit code 0 when nothing undeclared was found, 1 otherwise, 2 on a usage error.
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        int seeds = 10, first = 1, ops = 100;
        string? replay = null;
        bool shrink = true, protocol = true, sequences = true, survey = false;
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--seeds": seeds = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--first": first = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--seed": first = int.Parse(Value(), CultureInfo.InvariantCulture); seeds = 1; protocol = false; break;
                case "--ops": ops = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--replay": replay = Value(); protocol = false; break;
                case "--no-shrink": shrink = false; break;
                case "--survey": survey = true; protocol = false; break;
                case "--no-protocol": protocol = false; break;
                case "--protocol-only": sequences = false; protocol = true; break;
                default:
                    Console.Error.WriteLine($"unknown argument {args[i]}; see docs/differential.md");
                    return 2;
            }
        }

        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
        await using var harness = await Harness.StartAsync();
        // SIGTERM / SIGINT (a long run stopped by hand): stop the servers and the executor by PID before exiting.
        using var onTerm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, _ => harness.Kill());
        using var onInt = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGINT, _ => harness.Kill());
        Console.WriteLine($"S3Spec {harness.S3Spec.Endpoint} (pid {harness.S3SpecServer.Pid}), moto {harness.Moto.Endpoint} (pid {harness.MotoServer.Pid}; moto, boto3 {MotoProcess.Versions})");
        var failed = false;
        if (sequences)
        {
            var run = new SeedRun(harness, Console.Out, shrink);
            var summary = replay is not null
                ? await run.ReplayAsync(replay, CancellationToken.None)
                : survey ? await run.SurveyAsync(Enumerable.Range(first, seeds), ops, CancellationToken.None)
                : await run.RunAsync(Enumerable.Range(first, seeds), ops, CancellationToken.None);
            Console.WriteLine(summary);
            failed |= summary.Findings.Count > 0;
        }

        if (protocol)
        {
            var report = await new ProtocolProbes(harness).RunAsync(CancellationToken.None);
            Console.WriteLine(report);
            failed |= report.Failures.Count > 0;
        }

        Console.WriteLine(failed ? "RESULT: FAIL" : "RESULT: PASS");
        return failed ? 1 : 0;
    }
}
