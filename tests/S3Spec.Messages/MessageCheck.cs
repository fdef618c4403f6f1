using Io.Cucumber.Messages.Types;

namespace S3Spec.Messages;

/// <summary>
/// Checks that a stream of envelopes is a complete, consistent test run: one meta first, every gherkinDocument after
/// its source, every pickle pointing at nodes of its document, one testRunStarted before and one testRunFinished
/// last, every testCase pointing at a pickle and its steps, every step result inside a started, unfinished test case
/// of the right test case, every started test case and step finished, each test case run once, and the run's
/// success matching its results. Returns the problems (none: valid).
/// </summary>
public static class MessageCheck
{
    public static IReadOnlyList<string> Problems(IReadOnlyList<Envelope> envelopes)
    {
        var problems = new List<string>();
        var sources = new HashSet<string>(StringComparer.Ordinal);
        var documents = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var pickles = new Dictionary<string, Pickle>(StringComparer.Ordinal);
        var hooks = new HashSet<string>(StringComparer.Ordinal);
        var stepDefinitions = new HashSet<string>(StringComparer.Ordinal);
        var testCases = new Dictionary<string, TestCase>(StringComparer.Ordinal);
        var started = new Dictionary<string, RunningCase>(StringComparer.Ordinal);
        var startedCases = new HashSet<string>(StringComparer.Ordinal);
        string? runId = null;
        var runFinished = false;
        var anyFailure = false;
        bool? success = null;

        for (var i = 0; i < envelopes.Count; i++)
        {
            var e = envelopes[i];
            var at = $"envelope {i + 1}";
            if (runFinished)
            {
                problems.Add($"{at}: comes after testRunFinished");
            }

            if (e.Meta is not null)
            {
                if (i != 0)
                {
                    problems.Add($"{at}: meta must be the first envelope, and only one");
                }
            }
            else if (i == 0)
            {
                problems.Add("envelope 1: the first envelope must be meta");
            }

            if (e.Source is { } source)
            {
                sources.Add(source.Uri);
            }
            else if (e.GherkinDocument is { } document)
            {
                if (!sources.Contains(document.Uri))
                {
                    problems.Add($"{at}: gherkinDocument {document.Uri} has no source before it");
                }

                documents[document.Uri] = NodeIds(document);
            }
            else if (e.Pickle is { } pickle)
            {
                CheckPickle(pickle, documents, pickles, at, problems);
            }
            else if (e.Hook is { } hook)
            {
                hooks.Add(hook.Id);
            }
            else if (e.StepDefinition is { } definition)
            {
                stepDefinitions.Add(definition.Id);
            }
            else if (e.TestRunStarted is { } runStarted)
            {
                if (runId is not null)
                {
                    problems.Add($"{at}: a second testRunStarted");
                }

                runId = runStarted.Id ?? "";
            }
            else if (e.TestCase is { } testCase)
            {
                CheckTestCase(testCase, runId, pickles, hooks, stepDefinitions, testCases, at, problems);
            }
            else if (e.TestCaseStarted is { } caseStarted)
            {
                if (!testCases.TryGetValue(caseStarted.TestCaseId ?? "", out var startedCase))
                {
                    problems.Add($"{at}: testCaseStarted {caseStarted.Id} names the unknown testCase {caseStarted.TestCaseId}");
                }
                else if (!startedCases.Add(startedCase.Id))
                {
                    problems.Add($"{at}: testCase {startedCase.Id} is started a second time");
                }

                if (!started.TryAdd(caseStarted.Id ?? "", new RunningCase(startedCase)))
                {
                    problems.Add($"{at}: testCaseStarted id {caseStarted.Id} is used twice");
                }
            }
            else if (e.TestStepStarted is { } stepStarted)
            {
                if (Running(stepStarted.TestCaseStartedId, started, at, problems) is { } running)
                {
                    if (running.Case?.TestSteps.All(s => s.Id != stepStarted.TestStepId) == true)
                    {
                        problems.Add($"{at}: testStepStarted names the step {stepStarted.TestStepId}, which is not a step of testCase {running.Case.Id}");
                    }

                    if (running.OpenStep is not null)
                    {
                        problems.Add($"{at}: step {stepStarted.TestStepId} starts before step {running.OpenStep} finished");
                    }

                    running.OpenStep = stepStarted.TestStepId;
                }
            }
            else if (e.TestStepFinished is { } stepFinished)
            {
                if (Running(stepFinished.TestCaseStartedId, started, at, problems) is { } running)
                {
                    if (running.OpenStep != stepFinished.TestStepId)
                    {
                        problems.Add($"{at}: testStepFinished for step {stepFinished.TestStepId}, which was not started");
                    }

                    running.OpenStep = null;
                    running.Finished.Add(stepFinished.TestStepId ?? "");
                    if (stepFinished.TestStepResult is null)
                    {
                        problems.Add($"{at}: testStepFinished without a testStepResult");
                    }
                    else if (stepFinished.TestStepResult.Status is not (TestStepResultStatus.PASSED or TestStepResultStatus.SKIPPED))
                    {
                        anyFailure = true;
                    }
                }
            }
            else if (e.TestCaseFinished is { } caseFinished)
            {
                if (Running(caseFinished.TestCaseStartedId, started, at, problems) is { } running)
                {
                    running.Done = true;
                    var missing = running.Case?.TestSteps.Select(s => s.Id).Where(id => !running.Finished.Contains(id)).ToList() ?? [];
                    if (missing.Count > 0 || running.OpenStep is not null)
                    {
                        problems.Add($"{at}: testCase {running.Case?.Id} finished with steps not run to the end: {string.Join(", ", missing)}");
                    }
                }
            }
            else if (e.TestRunFinished is { } finished)
            {
                if (runId is null)
                {
                    problems.Add($"{at}: testRunFinished without testRunStarted");
                }
                else if (finished.TestRunStartedId != runId)
                {
                    problems.Add($"{at}: testRunFinished names the run {finished.TestRunStartedId}, not {runId}");
                }

                runFinished = true;
                success = finished.Success;
            }
            else if (e.Attachment is { } attachment && attachment.TestRunStartedId is { } attachedTo && attachedTo != runId)
            {
                problems.Add($"{at}: attachment names the run {attachedTo}, not {runId}");
            }
        }

        if (!runFinished)
        {
            problems.Add("the stream ends without testRunFinished");
        }

        foreach (var (id, running) in started.Where(s => !s.Value.Done))
        {
            problems.Add($"testCaseStarted {id} never finished");
        }

        foreach (var id in testCases.Keys.Where(id => !startedCases.Contains(id)))
        {
            problems.Add($"testCase {id} was never started");
        }

        if (success is { } s && s == anyFailure)
        {
            problems.Add($"testRunFinished says success={s}, but {(anyFailure ? "a step failed" : "no step failed")}");
        }

        return problems;
    }

    private static void CheckPickle(Pickle pickle, Dictionary<string, HashSet<string>> documents, Dictionary<string, Pickle> pickles, string at, List<string> problems)
    {
        if (!pickles.TryAdd(pickle.Id, pickle))
        {
            problems.Add($"{at}: pickle id {pickle.Id} is used twice");
        }

        if (!documents.TryGetValue(pickle.Uri, out var nodes))
        {
            problems.Add($"{at}: pickle {pickle.Id} names {pickle.Uri}, which has no gherkinDocument before it");
            return;
        }

        foreach (var id in (pickle.AstNodeIds ?? []).Concat((pickle.Steps ?? []).SelectMany(s => s.AstNodeIds ?? [])).Where(id => !nodes.Contains(id)))
        {
            problems.Add($"{at}: pickle {pickle.Id} names the node {id}, which is not in {pickle.Uri}");
        }

        if (pickle.AstNodeIds is not { Count: > 0 })
        {
            problems.Add($"{at}: pickle {pickle.Id} names no scenario");
        }
    }

    private static void CheckTestCase(TestCase testCase, string? runId, Dictionary<string, Pickle> pickles, HashSet<string> hooks, HashSet<string> stepDefinitions,
        Dictionary<string, TestCase> testCases, string at, List<string> problems)
    {
        if (runId is null)
        {
            problems.Add($"{at}: testCase {testCase.Id} before testRunStarted");
        }
        else if (testCase.TestRunStartedId != runId)
        {
            problems.Add($"{at}: testCase {testCase.Id} names the run {testCase.TestRunStartedId}, not {runId}");
        }

        if (!testCases.TryAdd(testCase.Id ?? "", testCase))
        {
            problems.Add($"{at}: testCase id {testCase.Id} is used twice");
        }

        if (!pickles.TryGetValue(testCase.PickleId ?? "", out var pickle))
        {
            problems.Add($"{at}: testCase {testCase.Id} names the unknown pickle {testCase.PickleId}");
            return;
        }

        if (testCases.Values.Count(c => c.PickleId == pickle.Id) > 1)
        {
            problems.Add($"{at}: pickle {pickle.Id} has more than one testCase");
        }

        var pickleSteps = pickle.Steps.Select(s => s.Id).ToList();
        var used = testCase.TestSteps.Where(s => s.PickleStepId is not null).Select(s => s.PickleStepId).ToList();
        if (!used.SequenceEqual(pickleSteps))
        {
            problems.Add($"{at}: testCase {testCase.Id} does not run the steps of pickle {pickle.Id} once each, in order");
        }

        foreach (var step in testCase.TestSteps)
        {
            if (step.HookId is { } hook && !hooks.Contains(hook))
            {
                problems.Add($"{at}: testCase {testCase.Id} step {step.Id} names the unknown hook {hook}");
            }

            if ((step.HookId is null) == (step.PickleStepId is null))
            {
                problems.Add($"{at}: testCase {testCase.Id} step {step.Id} must name a hook or a pickle step");
            }

            foreach (var definition in (step.StepDefinitionIds ?? []).Where(d => !stepDefinitions.Contains(d)))
            {
                problems.Add($"{at}: testCase {testCase.Id} step {step.Id} names the unknown stepDefinition {definition}");
            }
        }
    }

    private static RunningCase? Running(string? testCaseStartedId, Dictionary<string, RunningCase> started, string at, List<string> problems)
    {
        if (!started.TryGetValue(testCaseStartedId ?? "", out var running))
        {
            problems.Add($"{at}: names the testCaseStarted {testCaseStartedId}, which was never sent");
            return null;
        }

        if (running.Done)
        {
            problems.Add($"{at}: names the testCaseStarted {testCaseStartedId}, which already finished");
            return null;
        }

        return running;
    }

    /// <summary>The ids of every node of a document that a pickle can name: scenarios, steps, Examples rows, tags.</summary>
    private static HashSet<string> NodeIds(GherkinDocument document)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        void Scenario(Scenario scenario)
        {
            ids.Add(scenario.Id);
            ids.UnionWith(scenario.Steps.Select(s => s.Id));
            ids.UnionWith(scenario.Tags.Select(t => t.Id));
            foreach (var examples in scenario.Examples)
            {
                ids.Add(examples.Id);
                ids.UnionWith(examples.TableBody.Select(r => r.Id));
                ids.UnionWith(examples.Tags.Select(t => t.Id));
            }
        }

        void Background(Background background)
        {
            ids.Add(background.Id);
            ids.UnionWith(background.Steps.Select(s => s.Id));
        }

        foreach (var child in document.Feature?.Children ?? [])
        {
            if (child.Scenario is not null)
            {
                Scenario(child.Scenario);
            }

            if (child.Background is not null)
            {
                Background(child.Background);
            }

            if (child.Rule is { } rule)
            {
                ids.Add(rule.Id);
                ids.UnionWith(rule.Tags.Select(t => t.Id));
                foreach (var ruleChild in rule.Children)
                {
                    if (ruleChild.Scenario is not null)
                    {
                        Scenario(ruleChild.Scenario);
                    }

                    if (ruleChild.Background is not null)
                    {
                        Background(ruleChild.Background);
                    }
                }
            }
        }

        return ids;
    }

    private sealed class RunningCase(TestCase? testCase)
    {
        public TestCase? Case { get; } = testCase;

        public string? OpenStep { get; set; }

        public HashSet<string> Finished { get; } = new(StringComparer.Ordinal);

        public bool Done { get; set; }
    }
}
