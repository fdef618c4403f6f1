using System.Collections.Specialized;
using System.Text;
using Reqnroll;

namespace S3Spec.Features.Adapter;

/// <summary>Runs one scenario through the Reqnroll runtime with the calls generated code would make, timing each part.</summary>
internal static class ScenarioExecutor
{
    public static async Task<ScenarioResult> RunAsync(ITestRunner runner, ScenarioCase scenario, TimeProvider time)
    {
        var arguments = new OrderedDictionary();
        foreach (var (name, value) in scenario.Arguments)
        {
            arguments[name] = value;
        }

        var inherited = scenario.Feature.Tags.Concat(scenario.Rule?.Tags ?? []).ToArray();
        var info = new ScenarioInfo(scenario.Name, scenario.Description, [.. scenario.Tags], arguments, inherited, null);
        var rule = scenario.Rule is null ? null : new RuleInfo(scenario.Rule.Name, scenario.Rule.Description, [.. scenario.Rule.Tags]);
        var started = time.GetUtcNow();
        runner.OnScenarioInitialize(info, rule);

        var steps = new List<StepResult>(scenario.Steps.Count);
        Exception? beforeError = null;
        Exception? afterError = null;
        try
        {
            await runner.OnScenarioStartAsync();
        }
        catch (Exception ex)
        {
            beforeError = ex;
        }

        var beforeEnd = time.GetUtcNow();
        foreach (var step in scenario.Steps)
        {
            var stepStart = time.GetUtcNow();
            if (beforeError is not null)
            {
                steps.Add(new StepResult(step, "skipped", null) { Started = stepStart, Finished = stepStart });
                continue;
            }

            // Reqnroll skips a step after a failed one itself; it is still called, as generated code does.
            var before = runner.ScenarioContext.ScenarioExecutionStatus;
            await RunStepAsync(runner, step);
            if (before != ScenarioExecutionStatus.OK)
            {
                steps.Add(new StepResult(step, "skipped", null) { Started = stepStart, Finished = time.GetUtcNow() });
                continue;
            }

            var after = runner.ScenarioContext.ScenarioExecutionStatus;
            var error = after == ScenarioExecutionStatus.OK ? null : runner.ScenarioContext.TestError;
            steps.Add(new StepResult(step, StatusName(after), Describe(error)) { Exception = error, Started = stepStart, Finished = time.GetUtcNow() });
        }

        var afterStart = time.GetUtcNow();
        Exception? stepError = null;
        try
        {
            if (beforeError is null)
            {
                await runner.CollectScenarioErrorsAsync();
            }
        }
        catch (Exception ex)
        {
            stepError = ex;
        }

        try
        {
            await runner.OnScenarioEndAsync();
        }
        catch (Exception ex)
        {
            afterError = ex;
        }

        var finished = time.GetUtcNow();
        // An error no step carries (raised by a step hook, or by the after-scenario hooks) belongs to the after phase.
        if (stepError is not null && !steps.Any(s => s.Status is not ("passed" or "skipped")))
        {
            afterError ??= stepError;
        }

        var beforeHooks = new HookResult(beforeError is null ? "passed" : "failed", Describe(beforeError), beforeError, started, beforeEnd);
        var afterHooks = new HookResult(afterError is null ? "passed" : "failed", Describe(afterError), afterError, afterStart, finished);
        var failure = beforeError ?? stepError ?? afterError;
        if (failure is null)
        {
            return new ScenarioResult(scenario, "passed", null, steps) { Started = started, Finished = finished, Before = beforeHooks, After = afterHooks };
        }

        return new ScenarioResult(scenario, "failed", FailureMessage(scenario, steps, failure), steps)
        {
            Exception = failure,
            Started = started,
            Finished = finished,
            Before = beforeHooks,
            After = afterHooks,
        };
    }

    private static Task RunStepAsync(ITestRunner runner, ScenarioStep step)
    {
        Table? table = null;
        if (step.Table is { Count: > 0 } rows)
        {
            table = new Table([.. rows[0]]);
            foreach (var row in rows.Skip(1))
            {
                table.AddRow([.. row]);
            }
        }

        return step.Kind switch
        {
            StepKind.Given => runner.GivenAsync(step.Text, step.DocString, table, step.Keyword),
            StepKind.When => runner.WhenAsync(step.Text, step.DocString, table, step.Keyword),
            _ => runner.ThenAsync(step.Text, step.DocString, table, step.Keyword),
        };
    }

    private static string StatusName(ScenarioExecutionStatus status) => status switch
    {
        ScenarioExecutionStatus.OK => "passed",
        ScenarioExecutionStatus.UndefinedStep => "undefined",
        ScenarioExecutionStatus.StepDefinitionPending => "pending",
        ScenarioExecutionStatus.Skipped => "skipped",
        _ => "failed",
    };

    private static string? Describe(Exception? error) => error is null ? null : $"{error.GetType().Name}: {error.Message}";

    private static string FailureMessage(ScenarioCase scenario, IReadOnlyList<StepResult> steps, Exception error)
    {
        var text = new StringBuilder();
        var failed = steps.FirstOrDefault(s => s.Status is not ("passed" or "skipped"));
        if (failed is null)
        {
            text.Append("Scenario failed outside its steps (a hook)");
        }
        else
        {
            text.Append("Step ").Append(failed.Status).Append(": ").Append(failed.Step.Keyword).Append(failed.Step.Text)
                .Append(" (").Append(scenario.Uri).Append(':').Append(failed.Step.Line).Append(')');
        }

        text.AppendLine().Append(error.GetType().Name).Append(": ").Append(error.Message);
        return text.ToString();
    }
}
