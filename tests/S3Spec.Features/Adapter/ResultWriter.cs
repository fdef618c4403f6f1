using System.Reflection;
using System.Runtime.InteropServices;
using Gherkin.CucumberMessages;
using Gherkin.CucumberMessages.Pickles;
using Io.Cucumber.Messages.Types;
using S3Spec.Messages;
using MessageException = Io.Cucumber.Messages.Types.Exception;

namespace S3Spec.Features.Adapter;

/// <summary>
/// Writes the run as Cucumber Messages (NDJSON): meta; per feature file its source, gherkinDocument and pickles
/// (Gherkin's own converter and pickle compiler); the scenario hooks; testRunStarted and the target as an
/// attachment; per scenario testCase, testCaseStarted, testStepStarted/Finished for the before hooks, each step and
/// the after hooks, testCaseFinished; testRunFinished. Skipped scenarios are test cases whose steps are all skipped,
/// the first one carrying the reason. The mapping is described in docs/behaviour-suite.md.
/// </summary>
internal sealed class ResultWriter : IDisposable
{
    /// <summary>The attachment carrying the target's description.</summary>
    public const string TargetFileName = "s3spec-target.txt";

    private readonly MessageFileWriter writer;
    private readonly IncrementingIdGenerator ids = new();
    private readonly Dictionary<string, Pickle> pickles = new(StringComparer.Ordinal);
    private readonly string runId;
    private readonly string beforeHook;
    private readonly string afterHook;
    private readonly Lock gate = new();
    private bool failed;
    private bool finished;

    public ResultWriter(string path, FeatureCatalog catalog, string target, DateTimeOffset startedAt)
    {
        Path = path;
        writer = new MessageFileWriter(path);
        writer.Write(Envelope.Create(Meta()));
        foreach (var file in catalog.Files)
        {
            WriteDocument(file);
        }

        foreach (var scenario in catalog.Scenarios.Where(s => !pickles.ContainsKey(s.Id)))
        {
            throw new InvalidOperationException($"Scenario {scenario.Id} has no pickle from Gherkin's compiler; the suite's compiler and Gherkin's disagree.");
        }

        beforeHook = ids.GetNewId();
        afterHook = ids.GetNewId();
        writer.Write(Envelope.Create(new Hook(beforeHook, "Reqnroll [BeforeScenario] hooks", new SourceReference("tests/S3Spec.Features/Steps", null, null, null), null, HookType.BEFORE_TEST_CASE)));
        writer.Write(Envelope.Create(new Hook(afterHook, "Reqnroll [AfterScenario] hooks", new SourceReference("tests/S3Spec.Features/Steps", null, null, null), null, HookType.AFTER_TEST_CASE)));
        runId = ids.GetNewId();
        writer.Write(Envelope.Create(new TestRunStarted(Timestamp(startedAt), runId)));
        writer.Write(Envelope.Create(new Attachment(target, AttachmentContentEncoding.IDENTITY, TargetFileName, "text/plain", null, null, null, null, runId, null, Timestamp(startedAt))));
    }

    public string Path { get; }

    /// <summary>One scenario's test case, start, step results and end.</summary>
    public void Write(ScenarioResult result)
    {
        var pickle = pickles[result.Scenario.Id];
        if (pickle.Steps.Count != result.Scenario.Steps.Count)
        {
            throw new InvalidOperationException($"Scenario {result.Scenario.Id} has {result.Scenario.Steps.Count} steps, its pickle {pickle.Steps.Count}.");
        }

        lock (gate)
        {
            if (finished)
            {
                return;
            }

            var testCaseId = ids.GetNewId();
            var before = new TestStep(beforeHook, ids.GetNewId(), null, null, null);
            var steps = pickle.Steps.Select(s => new TestStep(null, ids.GetNewId(), s.Id, [], [])).ToList();
            var after = new TestStep(afterHook, ids.GetNewId(), null, null, null);
            writer.Write(Envelope.Create(new TestCase(testCaseId, pickle.Id, [before, .. steps, after], runId)));

            var startedId = ids.GetNewId();
            var started = result.Started == default ? result.Finished : result.Started;
            writer.Write(Envelope.Create(new TestCaseStarted(0, startedId, testCaseId, null, Timestamp(started))));
            var skipped = result.Status == "skipped";
            Step(startedId, before.Id, result.Before?.Status ?? "skipped", result.Before?.Error, result.Before?.Exception, result.Before?.Started ?? started, result.Before?.Finished ?? started);
            for (var i = 0; i < steps.Count; i++)
            {
                var step = i < result.Steps.Count ? result.Steps[i] : null;
                var reason = skipped && i == 0 ? result.SkipReason : null;
                Step(startedId, steps[i].Id, step?.Status ?? "skipped", step?.Error ?? reason, step?.Exception, step?.Started ?? started, step?.Finished ?? started);
            }

            Step(startedId, after.Id, result.After?.Status ?? "skipped", result.After?.Error, result.After?.Exception, result.After?.Started ?? result.Finished, result.After?.Finished ?? result.Finished);
            writer.Write(Envelope.Create(new TestCaseFinished(startedId, Timestamp(result.Finished), false)));
            failed |= result.Status == "failed";
        }
    }

    /// <summary>testRunFinished: success unless a scenario failed. Later results are not written.</summary>
    public void Finish(DateTimeOffset at, string? message = null)
    {
        lock (gate)
        {
            if (finished)
            {
                return;
            }

            finished = true;
            writer.Write(Envelope.Create(new TestRunFinished(message, !failed, Timestamp(at), null, runId)));
        }
    }

    public void Dispose() => writer.Dispose();

    private void Step(string testCaseStartedId, string testStepId, string status, string? message, System.Exception? exception, DateTimeOffset started, DateTimeOffset ended)
    {
        var error = exception is null ? null : new MessageException(exception.GetType().FullName, exception.Message, null);
        writer.Write(Envelope.Create(new TestStepStarted(testCaseStartedId, testStepId, Timestamp(started))));
        var result = new TestStepResult(Duration(ended - started), message, Status(status), error);
        writer.Write(Envelope.Create(new TestStepFinished(testCaseStartedId, testStepId, result, Timestamp(ended))));
    }

    private void WriteDocument(FeatureFile file)
    {
        writer.Write(Envelope.Create(new Source(file.Uri, file.Text, SourceMediaType.TEXT_X_CUCUMBER_GHERKIN_PLAIN)));
        var document = new AstMessagesConverter(ids).ConvertGherkinDocumentToEventArgs(file.Document, file.Uri);
        writer.Write(Envelope.Create(document));
        var lines = NodeLines(document);
        foreach (var pickle in new PickleCompiler(ids).Compile(document))
        {
            writer.Write(Envelope.Create(pickle));
            // The suite's scenario id: uri:line of the scenario, plus :line of the Examples row for an outline row.
            var id = file.Uri + string.Concat(pickle.AstNodeIds.Select(node => ":" + lines[node]));
            pickles[id] = pickle;
        }
    }

    /// <summary>The line of every scenario and Examples row of a document, by node id.</summary>
    private static Dictionary<string, long> NodeLines(GherkinDocument document)
    {
        var lines = new Dictionary<string, long>(StringComparer.Ordinal);
        var scenarios = (document.Feature?.Children ?? []).SelectMany(c => c.Rule is { } rule ? rule.Children.Select(r => r.Scenario) : [c.Scenario]).OfType<Scenario>();
        foreach (var scenario in scenarios)
        {
            lines[scenario.Id] = scenario.Location.Line;
            foreach (var row in scenario.Examples.SelectMany(e => e.TableBody))
            {
                lines[row.Id] = row.Location.Line;
            }
        }

        return lines;
    }

    private static Meta Meta()
    {
        var version = typeof(ResultWriter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0";
        var protocol = typeof(Envelope).Assembly.GetName().Version is { } v ? $"{v.Major}.{v.Minor}.{v.Build}" : "unknown";
        var ci = Environment.GetEnvironmentVariable("CI") is { Length: > 0 } ? new Ci("CI", null, null, null) : null;
        return new Meta(protocol, new Product("S3Spec.Features", version), new Product(".NET", Environment.Version.ToString()),
            new Product(RuntimeInformation.OSDescription, null), new Product(RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant(), null), ci);
    }

    private static TestStepResultStatus Status(string status) => status switch
    {
        "passed" => TestStepResultStatus.PASSED,
        "failed" => TestStepResultStatus.FAILED,
        "skipped" => TestStepResultStatus.SKIPPED,
        "undefined" => TestStepResultStatus.UNDEFINED,
        "pending" => TestStepResultStatus.PENDING,
        _ => TestStepResultStatus.UNKNOWN,
    };

    private static Timestamp Timestamp(DateTimeOffset at)
    {
        var ticks = at.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        return new Timestamp(ticks / TimeSpan.TicksPerSecond, ticks % TimeSpan.TicksPerSecond * 100);
    }

    private static Duration Duration(TimeSpan span)
    {
        var ticks = Math.Max(0, span.Ticks);
        return new Duration(ticks / TimeSpan.TicksPerSecond, ticks % TimeSpan.TicksPerSecond * 100);
    }
}
