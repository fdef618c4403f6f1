using System.Diagnostics;
using System.Globalization;
using System.Text;
using S3Spec.Core.Errors;

namespace S3Spec.Reliability;

/// <summary>
/// A seeded mutation fuzzer: takes corpus inputs, applies 1–4 byte-level mutations, runs the target with a per-case
/// timeout, and records every outcome that is neither a result nor an <see cref="S3Exception"/> (crash) or that does not
/// finish in time (hang). RELIABILITY_FUZZ_SECONDS sets the time per target (default 10).
/// </summary>
internal static class Fuzzer
{
    private static readonly byte[] Interesting = "\r\n;=:, -0f%./\\\"<>&\0\u00ff"u8.ToArray();

    public static TimeSpan Budget =>
        TimeSpan.FromSeconds(double.TryParse(Environment.GetEnvironmentVariable("RELIABILITY_FUZZ_SECONDS"), CultureInfo.InvariantCulture, out var s) ? s : 10);

    public static string CorpusPath(string name) => Path.Combine(AppContext.BaseDirectory, "Corpus", name);

    public static byte[][] Lines(string name) =>
        File.ReadAllLines(CorpusPath(name)).Select(Encoding.UTF8.GetBytes).ToArray();

    public sealed record Result(long Cases, List<string> Crashes);

    public static async Task<Result> RunAsync(string name, IReadOnlyList<byte[]> corpus, Func<byte[], Task> target, int seed)
    {
        var rng = new Random(seed);
        var crashes = new List<string>();
        var clock = Stopwatch.StartNew();
        long cases = 0;
        var budget = Budget;
        while (clock.Elapsed < budget || cases < corpus.Count)
        {
            var input = cases < corpus.Count ? corpus[(int)cases] : Mutate(corpus[rng.Next(corpus.Count)], rng);
            cases++;
            var run = Task.Run(() => target(input));
            var finished = await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(5)));
            if (finished != run)
            {
                crashes.Add($"{name}: HANG on {Show(input)}");
                break;
            }

            if (run.Exception?.InnerException is { } e && e is not S3Exception)
            {
                crashes.Add($"{name}: {e.GetType().Name}: {e.Message} on {Show(input)}\n{e.StackTrace}");
                if (crashes.Count > 5)
                {
                    break;
                }
            }
        }

        return new Result(cases, crashes);
    }

    public static byte[] Mutate(byte[] seed, Random rng)
    {
        var data = new List<byte>(seed);
        var n = rng.Next(1, 5);
        for (var i = 0; i < n; i++)
        {
            var at = data.Count == 0 ? 0 : rng.Next(data.Count);
            switch (rng.Next(8))
            {
                case 0 when data.Count > 0:
                    data[at] ^= (byte)(1 << rng.Next(8));
                    break;
                case 1 when data.Count > 0:
                    data[at] = Interesting[rng.Next(Interesting.Length)];
                    break;
                case 2 when data.Count > 0:
                    data.RemoveRange(at, Math.Min(rng.Next(1, 64), data.Count - at));
                    break;
                case 3:
                    data.InsertRange(at, Enumerable.Range(0, rng.Next(1, 16)).Select(_ => Interesting[rng.Next(Interesting.Length)]));
                    break;
                case 4 when data.Count > 0:
                    var len = Math.Min(rng.Next(1, 256), data.Count - at);
                    data.InsertRange(rng.Next(data.Count), data.GetRange(at, len));
                    break;
                case 5:
                    data.RemoveRange(at, data.Count - at);
                    break;
                case 6:
                    data.InsertRange(at, Encoding.ASCII.GetBytes(rng.Next(3) switch { 0 => "ffffffffffffffff", 1 => "-1", _ => "99999999999999999999" }));
                    break;
                default:
                    data.InsertRange(at, Enumerable.Range(0, rng.Next(1, 8)).Select(_ => (byte)rng.Next(256)));
                    break;
            }
        }

        return [.. data];
    }

    private static string Show(byte[] input) =>
        Convert.ToBase64String(input.AsSpan(0, Math.Min(input.Length, 512)));
}
