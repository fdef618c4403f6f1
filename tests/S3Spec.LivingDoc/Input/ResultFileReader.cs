using Io.Cucumber.Messages.Types;
using S3Spec.Messages;

namespace S3Spec.LivingDoc.Input;

/// <summary>
/// Reads the behaviour suite's result file, Cucumber Messages as NDJSON (mapping in docs/behaviour-suite.md): checks
/// that it holds together (<see cref="MessageCheck"/>), then turns each test case into a <see cref="ScenarioRecord"/>
/// named as the suite names scenarios (<c>uri:line</c>, <c>uri:line:rowLine</c>), with its steps' results.
/// </summary>
internal static class ResultFileReader
{
    public static ResultSet Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new LivingDocException($"the result file '{path}' does not exist; run 'dotnet test tests/S3Spec.Features' first or pass --results");
        }

        using var stream = File.OpenRead(path);
        return Read(stream, path);
    }

    public static ResultSet Read(Stream stream, string name)
    {
        IReadOnlyList<Envelope> envelopes;
        try
        {
            envelopes = MessageFile.Read(stream, name);
        }
        catch (InvalidDataException e)
        {
            throw new LivingDocException(e.Message);
        }

        if (envelopes.Count == 0)
        {
            throw new LivingDocException($"'{name}' is empty; it is not a result file of the behaviour suite");
        }

        var problems = MessageCheck.Problems(envelopes);
        if (problems.Count > 0)
        {
            throw new LivingDocException($"'{name}' is not a whole run of the behaviour suite: {problems[0]}{(problems.Count > 1 ? $" (and {problems.Count - 1} more problems)" : "")}");
        }

        return new RunMessages(envelopes).Results();
    }

    /// <summary>The envelopes of one valid run, indexed.</summary>
    private sealed class RunMessages
    {
        private readonly Dictionary<string, Node> nodes = new(StringComparer.Ordinal);
        private readonly Dictionary<string, TestCase> cases = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Dictionary<string, TestStepResult>> stepResults = new(StringComparer.Ordinal);
        private readonly List<Pickle> pickles = [];
        private readonly List<string> uris = [];
        private readonly RunRecord run;

        public RunMessages(IReadOnlyList<Envelope> envelopes)
        {
            string? startedAt = null, target = null;
            var caseOfStart = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var e in envelopes)
            {
                if (e.GherkinDocument is { } document)
                {
                    uris.Add(document.Uri);
                    Index(document);
                }
                else if (e.Pickle is { } pickle)
                {
                    pickles.Add(pickle);
                }
                else if (e.TestRunStarted is { } started)
                {
                    startedAt = RunWriter.Time(started.Timestamp).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
                }
                else if (e.Attachment is { FileName: RunWriter.TargetAttachment } attachment)
                {
                    target = attachment.Body;
                }
                else if (e.TestCase is { } testCase)
                {
                    cases[testCase.PickleId] = testCase;
                }
                else if (e.TestCaseStarted is { } caseStarted)
                {
                    caseOfStart[caseStarted.Id] = caseStarted.TestCaseId;
                    stepResults[caseStarted.TestCaseId] = new Dictionary<string, TestStepResult>(StringComparer.Ordinal);
                }
                else if (e.TestStepFinished is { } stepFinished)
                {
                    stepResults[caseOfStart[stepFinished.TestCaseStartedId]][stepFinished.TestStepId] = stepFinished.TestStepResult;
                }
            }

            run = new RunRecord(startedAt, target, uris);
        }

        public ResultSet Results()
        {
            var records = new List<ScenarioRecord>();
            foreach (var pickle in pickles)
            {
                if (cases.TryGetValue(pickle.Id, out var testCase))
                {
                    records.Add(Record(pickle, testCase, stepResults.GetValueOrDefault(testCase.Id) ?? []));
                }
            }

            return new ResultSet(run, records);
        }

        private ScenarioRecord Record(Pickle pickle, TestCase testCase, Dictionary<string, TestStepResult> results)
        {
            var scenario = nodes[pickle.AstNodeIds[0]];
            var row = pickle.AstNodeIds.Count > 1 ? nodes.GetValueOrDefault(pickle.AstNodeIds[1]) : null;
            var pickleSteps = pickle.Steps.ToDictionary(s => s.Id, StringComparer.Ordinal);
            var steps = new List<StepRecord>();
            string? hookError = null, stepError = null, skipReason = null;
            var any = new List<TestStepResultStatus>();
            foreach (var testStep in testCase.TestSteps)
            {
                var result = results.GetValueOrDefault(testStep.Id);
                var status = result?.Status ?? TestStepResultStatus.UNKNOWN;
                any.Add(status);
                if (testStep.PickleStepId is { } stepId && pickleSteps.TryGetValue(stepId, out var pickleStep))
                {
                    var source = nodes.GetValueOrDefault(pickleStep.AstNodeIds[0]);
                    var outcome = Outcome(status);
                    steps.Add(new StepRecord(source?.Keyword ?? "", pickleStep.Text, source?.Line ?? 0, outcome, status == TestStepResultStatus.SKIPPED ? null : result?.Message));
                    if (status == TestStepResultStatus.SKIPPED && skipReason is null && !string.IsNullOrEmpty(result?.Message))
                    {
                        skipReason = result.Message;
                    }

                    stepError ??= outcome is Input.Outcome.Failed or Input.Outcome.Undefined or Input.Outcome.Pending ? result?.Message : null;
                }
                else if (status is not (TestStepResultStatus.PASSED or TestStepResultStatus.SKIPPED))
                {
                    hookError ??= result?.Message ?? $"a hook ended {status}";
                }
            }

            var overall = any.Any(s => s is not (TestStepResultStatus.PASSED or TestStepResultStatus.SKIPPED)) ? Input.Outcome.Failed
                : steps.Count > 0 && steps.All(s => s.Status == Input.Outcome.Passed) ? Input.Outcome.Passed
                : Input.Outcome.Skipped;
            var arguments = row?.Headers is { } headers
                ? headers.Zip(row.Cells ?? [], (h, v) => new KeyValuePair<string, string>(h, v)).ToList()
                : [];
            var id = pickle.Uri + ":" + scenario.Line + (row is null ? "" : ":" + row.Line);
            return new ScenarioRecord(id, pickle.Uri, row?.Line ?? scenario.Line, scenario.Rule, pickle.Name, arguments, overall,
                overall == Input.Outcome.Skipped ? skipReason : null, overall == Input.Outcome.Failed ? hookError ?? stepError : null, steps)
            {
                Feature = scenario.Feature,
                ScenarioLine = scenario.Line,
                Outline = row is null ? null : scenario.Name,
            };
        }

        private static Outcome Outcome(TestStepResultStatus status) => status switch
        {
            TestStepResultStatus.PASSED => Input.Outcome.Passed,
            TestStepResultStatus.SKIPPED => Input.Outcome.Skipped,
            TestStepResultStatus.UNDEFINED => Input.Outcome.Undefined,
            TestStepResultStatus.PENDING => Input.Outcome.Pending,
            _ => Input.Outcome.Failed,
        };

        private void Index(GherkinDocument document)
        {
            var feature = document.Feature;
            if (feature is null)
            {
                return;
            }

            foreach (var child in feature.Children)
            {
                if (child.Background is { } background)
                {
                    Steps(background.Steps);
                }

                if (child.Scenario is { } scenario)
                {
                    Scenario(feature.Name, null, scenario);
                }

                foreach (var ruleChild in child.Rule?.Children ?? [])
                {
                    if (ruleChild.Background is { } ruleBackground)
                    {
                        Steps(ruleBackground.Steps);
                    }

                    if (ruleChild.Scenario is { } ruleScenario)
                    {
                        Scenario(feature.Name, child.Rule!.Name, ruleScenario);
                    }
                }
            }
        }

        private void Scenario(string feature, string? rule, Scenario scenario)
        {
            nodes[scenario.Id] = new Node((int)scenario.Location.Line, feature, rule, null, null, null) { Name = scenario.Name };
            Steps(scenario.Steps);
            foreach (var examples in scenario.Examples)
            {
                var headers = examples.TableHeader?.Cells.Select(c => c.Value).ToList() ?? [];
                foreach (var row in examples.TableBody)
                {
                    nodes[row.Id] = new Node((int)row.Location.Line, feature, rule, null, headers, row.Cells.Select(c => c.Value).ToList());
                }
            }
        }

        private void Steps(IEnumerable<Step> steps)
        {
            foreach (var step in steps)
            {
                nodes[step.Id] = new Node((int)step.Location.Line, "", null, step.Keyword.Trim(), null, null);
            }
        }
    }

    /// <summary>A scenario, Examples row or step of a gherkinDocument: its line, feature and rule, keyword, row cells.</summary>
    private sealed record Node(int Line, string Feature, string? Rule, string? Keyword, IReadOnlyList<string>? Headers, IReadOnlyList<string>? Cells)
    {
        public string Name { get; init; } = "";
    }
}
