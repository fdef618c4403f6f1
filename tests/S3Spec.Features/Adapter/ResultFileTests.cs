using Io.Cucumber.Messages.Types;
using S3Spec.Messages;
using Xunit;

namespace S3Spec.Features.Adapter;

/// <summary>
/// The result file is valid Cucumber Messages: every line reads back with the package's reader, and the stream holds
/// together (<see cref="MessageCheck"/>): one pickle and one test case per scenario, every step result inside its
/// started test case, what each scenario did as it was written.
/// </summary>
public sealed class ResultFileTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);
    private readonly string path = Path.Combine(Path.GetTempPath(), $"s3spec-results-{Guid.NewGuid():N}.ndjson");

    [Fact]
    public void A_run_reads_back_whole_with_a_pickle_and_a_test_case_per_scenario()
    {
        var catalog = FeatureCatalog.Default;
        Assert.NotEmpty(catalog.Scenarios);
        WriteRun(catalog);

        var envelopes = MessageFile.Read(path);

        Assert.Empty(MessageCheck.Problems(envelopes));
        Assert.Equal(catalog.Files.Count, envelopes.Count(e => e.GherkinDocument is not null));
        Assert.Equal(catalog.Scenarios.Count, envelopes.Count(e => e.Pickle is not null));
        Assert.Equal(catalog.Scenarios.Count, envelopes.Count(e => e.TestCase is not null));
        Assert.Equal(catalog.Scenarios.Count, envelopes.Count(e => e.TestCaseFinished is not null));
        var steps = catalog.Scenarios.Sum(s => s.Steps.Count + 2);
        Assert.Equal(steps, envelopes.Count(e => e.TestStepFinished is not null));
        Assert.False(Assert.Single(envelopes, e => e.TestRunFinished is not null).TestRunFinished.Success);
        Assert.Equal("endpoint http://127.0.0.1:1/", Assert.Single(envelopes, e => e.Attachment is not null).Attachment.Body);
    }

    [Fact]
    public void Each_scenario_s_outcome_is_in_its_test_steps()
    {
        var catalog = FeatureCatalog.Default;
        WriteRun(catalog);
        var envelopes = MessageFile.Read(path);
        var results = StepResultsByPickle(envelopes);
        var pickles = envelopes.Where(e => e.Pickle is not null).Select(e => e.Pickle).ToList();

        // The first scenario passed (hooks included), the second failed at its first step, the third in its hooks.
        Assert.All(results[pickles[0].Id], r => Assert.Equal(TestStepResultStatus.PASSED, r.Status));
        var failed = results[pickles[1].Id];
        Assert.Equal(TestStepResultStatus.FAILED, failed[1].Status);
        Assert.Equal("XunitException: boom", failed[1].Message);
        Assert.Equal("Xunit.Sdk.XunitException", failed[1].Exception.Type);
        Assert.All(failed.Skip(2).SkipLast(1), r => Assert.Equal(TestStepResultStatus.SKIPPED, r.Status));
        Assert.Equal(TestStepResultStatus.FAILED, results[pickles[2].Id][^1].Status);
        // The rest did not run: every step skipped, the first pickle step with the reason.
        var skipped = results[pickles[3].Id];
        Assert.All(skipped, r => Assert.Equal(TestStepResultStatus.SKIPPED, r.Status));
        Assert.Equal("not selected", skipped[1].Message);
        Assert.Equal(catalog.Scenarios[0].Name, pickles[0].Name);
    }

    [Fact]
    public void The_check_finds_a_step_result_outside_its_test_case_and_a_test_case_without_a_pickle()
    {
        WriteRun(FeatureCatalog.Default);
        var envelopes = MessageFile.Read(path).ToList();
        var firstStarted = envelopes.FindIndex(e => e.TestCaseStarted is not null);
        var withoutStart = envelopes.Where((_, i) => i != firstStarted).ToList();
        var withoutPickle = envelopes.Where(e => e.Pickle is null || e.Pickle.Id != envelopes.First(x => x.TestCase is not null).TestCase.PickleId).ToList();

        Assert.Contains(MessageCheck.Problems(withoutStart), p => p.Contains("was never sent", StringComparison.Ordinal));
        Assert.Contains(MessageCheck.Problems(withoutPickle), p => p.Contains("unknown pickle", StringComparison.Ordinal));
    }

    public void Dispose() => File.Delete(path);

    private void WriteRun(FeatureCatalog catalog)
    {
        using var writer = new ResultWriter(path, catalog, "endpoint http://127.0.0.1:1/", Start);
        var at = Start.AddSeconds(1);
        writer.Write(Ran(catalog.Scenarios[0], at, null, false));
        writer.Write(Ran(catalog.Scenarios[1], at, new Xunit.Sdk.XunitException("boom"), false));
        writer.Write(Ran(catalog.Scenarios[2], at, null, true));
        foreach (var scenario in catalog.Scenarios.Skip(3))
        {
            writer.Write(new ScenarioResult(scenario, "skipped", null, [], "not selected") { Started = at, Finished = at });
        }

        writer.Finish(at.AddSeconds(1));
    }

    private static ScenarioResult Ran(ScenarioCase scenario, DateTimeOffset at, System.Exception? stepError, bool hookFails)
    {
        var steps = scenario.Steps.Select((s, i) => stepError is null ? new StepResult(s, "passed", null)
            : i == 0 ? new StepResult(s, "failed", $"{stepError.GetType().Name}: {stepError.Message}") { Exception = stepError }
            : new StepResult(s, "skipped", null)).Select(s => s with { Started = at, Finished = at.AddMilliseconds(5) }).ToList();
        var after = hookFails ? new HookResult("failed", "InvalidOperationException: cleanup", new InvalidOperationException("cleanup"), at, at)
            : new HookResult("passed", null, null, at, at);
        return new ScenarioResult(scenario, stepError is null && !hookFails ? "passed" : "failed", stepError?.Message, steps)
        {
            Started = at,
            Finished = at.AddSeconds(1),
            Before = new HookResult("passed", null, null, at, at),
            After = after,
        };
    }

    private static Dictionary<string, List<TestStepResult>> StepResultsByPickle(IReadOnlyList<Envelope> envelopes)
    {
        var pickleOfCase = envelopes.Where(e => e.TestCase is not null).ToDictionary(e => e.TestCase.Id, e => e.TestCase.PickleId);
        var pickleOfStart = envelopes.Where(e => e.TestCaseStarted is not null).ToDictionary(e => e.TestCaseStarted.Id, e => pickleOfCase[e.TestCaseStarted.TestCaseId]);
        return envelopes.Where(e => e.TestStepFinished is not null).GroupBy(e => pickleOfStart[e.TestStepFinished.TestCaseStartedId])
            .ToDictionary(g => g.Key, g => g.Select(e => e.TestStepFinished.TestStepResult).ToList());
    }
}
