using System.Runtime.InteropServices;
using Gherkin.CucumberMessages;
using Gherkin.CucumberMessages.Pickles;
using Io.Cucumber.Messages.Types;
using MessageException = Io.Cucumber.Messages.Types.Exception;

namespace S3Spec.Messages;

/// <summary>
/// Writes a test run as Cucumber Messages (the mapping is in docs/behaviour-suite.md): meta; per feature file its
/// source, gherkinDocument and pickles (Gherkin's own AST converter and pickle compiler); two hooks standing for the
/// scenario hooks; testRunStarted with the target as an attachment; per scenario its testCase (before hooks, one
/// step per pickle step, after hooks), testCaseStarted, testStepStarted/Finished per step, testCaseFinished; and
/// testRunFinished. Scenarios are named by the suite's id: <c>uri:line</c>, <c>uri:line:rowLine</c> for an Examples row.
/// </summary>
public sealed class RunWriter
{
    /// <summary>The file name of the attachment that carries the target's description.</summary>
    public const string TargetAttachment = "s3spec-target.txt";

    private readonly Action<Envelope> write;
    private readonly IncrementingIdGenerator ids = new();
    private readonly Dictionary<string, Pickle> pickles = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private string? runId;
    private string beforeHook = "";
    private string afterHook = "";
    private bool failed;
    private bool finished;

    public RunWriter(Action<Envelope> write, Product implementation)
    {
        this.write = write;
        var protocol = typeof(Envelope).Assembly.GetName().Version is { } v ? $"{v.Major}.{v.Minor}.{v.Build}" : "unknown";
        var ci = Environment.GetEnvironmentVariable("CI") is { Length: > 0 } ? new Ci("CI", null, null, null) : null;
        write(Envelope.Create(new Meta(protocol, implementation, new Product(".NET", Environment.Version.ToString()),
            new Product(RuntimeInformation.OSDescription, null), new Product(RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant(), null), ci)));
    }

    /// <summary>The pickles written so far, by the suite's scenario id.</summary>
    public IReadOnlyDictionary<string, Pickle> Pickles => pickles;

    /// <summary>A feature file's source, gherkinDocument and pickles; before <see cref="Start"/>.</summary>
    public void AddDocument(string uri, string text, Gherkin.Ast.GherkinDocument document)
    {
        write(Envelope.Create(new Source(uri, text, SourceMediaType.TEXT_X_CUCUMBER_GHERKIN_PLAIN)));
        var converted = new AstMessagesConverter(ids).ConvertGherkinDocumentToEventArgs(document, uri);
        write(Envelope.Create(converted));
        var lines = ScenarioLines(converted);
        foreach (var pickle in new PickleCompiler(ids).Compile(converted))
        {
            write(Envelope.Create(pickle));
            pickles[uri + string.Concat(pickle.AstNodeIds.Select(node => ":" + lines[node]))] = pickle;
        }
    }

    /// <summary>The scenario hooks, testRunStarted and the target's description.</summary>
    public void Start(DateTimeOffset at, string target)
    {
        beforeHook = ids.GetNewId();
        afterHook = ids.GetNewId();
        var steps = new SourceReference("tests/S3Spec.Features/Steps", null, null, null);
        write(Envelope.Create(new Hook(beforeHook, "[BeforeScenario] hooks", steps, null, HookType.BEFORE_TEST_CASE)));
        write(Envelope.Create(new Hook(afterHook, "[AfterScenario] hooks", steps, null, HookType.AFTER_TEST_CASE)));
        runId = ids.GetNewId();
        write(Envelope.Create(new TestRunStarted(Timestamp(at), runId)));
        write(Envelope.Create(new Attachment(target, AttachmentContentEncoding.IDENTITY, TargetAttachment, "text/plain", null, null, null, null, runId, null, Timestamp(at))));
    }

    /// <summary>One scenario's testCase, testCaseStarted, step results and testCaseFinished. Ignored after <see cref="Finish"/>.</summary>
    public void TestCase(string scenarioId, CaseOutcome record)
    {
        var pickle = pickles.GetValueOrDefault(scenarioId) ?? throw new InvalidOperationException($"No pickle for the scenario {scenarioId}.");
        if (pickle.Steps.Count != record.Steps.Count)
        {
            throw new InvalidOperationException($"The scenario {scenarioId} has {record.Steps.Count} step results, its pickle {pickle.Steps.Count} steps.");
        }

        lock (gate)
        {
            if (finished || runId is null)
            {
                throw new InvalidOperationException(runId is null ? "Start the run before its test cases." : "The run has finished.");
            }

            var testCaseId = ids.GetNewId();
            var before = new TestStep(beforeHook, ids.GetNewId(), null, null, null);
            var steps = pickle.Steps.Select(s => new TestStep(null, ids.GetNewId(), s.Id, [], [])).ToList();
            var after = new TestStep(afterHook, ids.GetNewId(), null, null, null);
            write(Envelope.Create(new TestCase(testCaseId, pickle.Id, [before, .. steps, after], runId)));
            var startedId = ids.GetNewId();
            write(Envelope.Create(new TestCaseStarted(0, startedId, testCaseId, null, Timestamp(record.Started))));
            Step(startedId, before.Id, record.Before);
            for (var i = 0; i < steps.Count; i++)
            {
                Step(startedId, steps[i].Id, record.Steps[i]);
            }

            Step(startedId, after.Id, record.After);
            write(Envelope.Create(new TestCaseFinished(startedId, Timestamp(record.Finished), false)));
            failed |= new[] { record.Before, record.After }.Concat(record.Steps).Any(s => s.Status is not (TestStepResultStatus.PASSED or TestStepResultStatus.SKIPPED));
        }
    }

    /// <summary>testRunFinished: a success unless a step or hook did not pass or skip.</summary>
    public void Finish(DateTimeOffset at, string? message = null)
    {
        lock (gate)
        {
            if (finished || runId is null)
            {
                return;
            }

            finished = true;
            write(Envelope.Create(new TestRunFinished(message, !failed, Timestamp(at), null, runId)));
        }
    }

    public static Timestamp Timestamp(DateTimeOffset at)
    {
        var ticks = at.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        return new Timestamp(ticks / TimeSpan.TicksPerSecond, ticks % TimeSpan.TicksPerSecond * 100);
    }

    public static DateTimeOffset Time(Timestamp timestamp) =>
        DateTimeOffset.UnixEpoch.AddTicks(timestamp.Seconds * TimeSpan.TicksPerSecond + timestamp.Nanos / 100);

    private void Step(string testCaseStartedId, string testStepId, StepOutcome step)
    {
        write(Envelope.Create(new TestStepStarted(testCaseStartedId, testStepId, Timestamp(step.Started))));
        var ticks = Math.Max(0, (step.Finished - step.Started).Ticks);
        var error = step.Error is { } e ? new MessageException(e.Type, e.Message, null) : null;
        var result = new TestStepResult(new Duration(ticks / TimeSpan.TicksPerSecond, ticks % TimeSpan.TicksPerSecond * 100), step.Message, step.Status, error);
        write(Envelope.Create(new TestStepFinished(testCaseStartedId, testStepId, result, Timestamp(step.Finished))));
    }

    /// <summary>The line of every scenario and Examples row of a document, by node id.</summary>
    private static Dictionary<string, long> ScenarioLines(GherkinDocument document)
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
}
