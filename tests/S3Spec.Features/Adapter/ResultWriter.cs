using System.Reflection;
using Io.Cucumber.Messages.Types;
using S3Spec.Messages;

namespace S3Spec.Features.Adapter;

/// <summary>
/// The suite's result file as Cucumber Messages (NDJSON, <see cref="RunWriter"/>): the feature files and their
/// pickles first, then one test case per scenario as it ends; scenarios that did not run are written at the end as
/// test cases whose steps are all skipped, the first one carrying the reason. The mapping is described in
/// docs/behaviour-suite.md.
/// </summary>
internal sealed class ResultWriter : IDisposable
{
    private readonly MessageFileWriter file;
    private readonly RunWriter run;

    public ResultWriter(string path, FeatureCatalog catalog, string target, DateTimeOffset startedAt)
    {
        Path = path;
        file = new MessageFileWriter(path);
        var version = typeof(ResultWriter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0";
        run = new RunWriter(file.Write, new Product("S3Spec.Features", version));
        foreach (var feature in catalog.Files)
        {
            run.AddDocument(feature.Uri, feature.Text, feature.Document);
        }

        if (catalog.Scenarios.FirstOrDefault(s => !run.Pickles.ContainsKey(s.Id)) is { } missing)
        {
            throw new InvalidOperationException($"Scenario {missing.Id} has no pickle from Gherkin's compiler; the suite's compiler and Gherkin's disagree.");
        }

        run.Start(startedAt, target);
    }

    public string Path { get; }

    public void Write(ScenarioResult result)
    {
        var at = result.Started == default ? result.Finished : result.Started;
        var steps = new List<StepOutcome>(result.Scenario.Steps.Count);
        for (var i = 0; i < result.Scenario.Steps.Count; i++)
        {
            steps.Add(i < result.Steps.Count ? Record(result.Steps[i]) : StepOutcome.Skipped(at, i == 0 ? result.SkipReason : null));
        }

        run.TestCase(result.Scenario.Id, new CaseOutcome(at, result.Finished, Record(result.Before, at), steps, Record(result.After, result.Finished)));
    }

    /// <summary>testRunFinished; results after it are not written.</summary>
    public void Finish(DateTimeOffset at) => run.Finish(at);

    public void Dispose() => file.Dispose();

    private static StepOutcome Record(StepResult step) => new(Status(step.Status), step.Error, step.Started, step.Finished)
    {
        Error = step.Exception is { } e ? (e.GetType().FullName ?? e.GetType().Name, e.Message) : null,
    };

    private static StepOutcome Record(HookResult? hooks, DateTimeOffset at) => hooks is null
        ? StepOutcome.Skipped(at)
        : new StepOutcome(Status(hooks.Status), hooks.Error, hooks.Started, hooks.Finished)
        {
            Error = hooks.Exception is { } e ? (e.GetType().FullName ?? e.GetType().Name, e.Message) : null,
        };

    private static TestStepResultStatus Status(string status) => status switch
    {
        "passed" => TestStepResultStatus.PASSED,
        "failed" => TestStepResultStatus.FAILED,
        "skipped" => TestStepResultStatus.SKIPPED,
        "undefined" => TestStepResultStatus.UNDEFINED,
        "pending" => TestStepResultStatus.PENDING,
        _ => TestStepResultStatus.UNKNOWN,
    };
}
