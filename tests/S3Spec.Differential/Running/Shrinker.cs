using S3Spec.Differential.Model;

namespace S3Spec.Differential.Running;

/// <summary>
/// Shrinks a failing sequence: cuts it after the failing step, then removes ever smaller chunks of steps (delta
/// debugging) as long as the shorter sequence still fails with the same signature (operation and first differing
/// field), within a budget of runs.
/// </summary>
internal sealed class Shrinker(SequenceRunner runner, int maxRuns, TextWriter log)
{
    public async Task<(List<Step> Steps, SequenceResult Result)> ShrinkAsync(string name, SequenceResult failing, CancellationToken cancellationToken)
    {
        var failure = failing.Failure ?? throw new ArgumentException("The sequence did not fail.", nameof(failing));
        var signature = failure.Signature;
        var current = failing.Steps.Take(failure.Index + 1).ToList();
        var best = failing;
        var runs = 0;
        async Task<SequenceResult?> Try(List<Step> candidate)
        {
            runs++;
            var result = await runner.RunAsync($"{name}-s{runs}", candidate, stopAtFailure: true, cancellationToken);
            return result.Failure is { } f && f.Signature == signature ? result : null;
        }

        var chunk = Math.Max(1, current.Count / 2);
        while (chunk >= 1 && runs < maxRuns)
        {
            var removedAny = false;
            // The failing step is the last: never removed.
            for (var start = current.Count - 1 - chunk; start >= 0 && runs < maxRuns; start -= chunk)
            {
                var candidate = current.Take(start).Concat(current.Skip(start + chunk)).ToList();
                if (await Try(candidate) is { } result)
                {
                    current = result.Steps.Take(result.Failure!.Index + 1).ToList();
                    best = result;
                    removedAny = true;
                    start = Math.Min(start, current.Count - 1);
                }
            }

            if (!removedAny)
            {
                chunk /= 2;
            }
            else
            {
                chunk = Math.Min(chunk, Math.Max(1, current.Count / 2));
            }
        }

        log.WriteLine($"  shrunk to {current.Count} steps in {runs} runs");
        return (current, best);
    }
}
