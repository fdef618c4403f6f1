using System.Collections.Specialized;
using System.Text;
using Reqnroll;

namespace S3Spec.Features.Adapter;

/// <summary>Runs one scenario through the Reqnroll runtime with the calls generated code would make.</summary>
internal static class ScenarioExecutor
{
    public static async Task<ScenarioResult> RunAsync(ITestRunner runner, ScenarioCase scenario)
    {
        var arguments = new OrderedDictionary();
        foreach (var (name, value) in scenario.Arguments)
        {
            arguments[name] = value;
        }

        var inherited = scenario.Feature.Tags.Concat(scenario.Rule?.Tags ?? []).ToArray();
        var info = new ScenarioInfo(scenario.Name, scenario.Description, [.. scenario.Tags], arguments, inherited, null);
        var rule = scenario.Rule is null ? null : new RuleInfo(scenario.Rule.Name, scenario.Rule.Description, [.. scenario.Rule.Tags]);
        runner.OnScenarioInitialize(info, rule);

        var steps = new List<StepResult>(scenario.Steps.Count);
        Exception? error = null;
        try
        {
            await runner.OnScenarioStartAsync();
            foreach (var step in scenario.Steps)
            {
                var before = runner.ScenarioContext.ScenarioExecutionStatus;
                await RunStepAsync(runner, step);
                var after = runner.ScenarioContext.ScenarioExecutionStatus;
                steps.Add(before != ScenarioExecutionStatus.OK
                    ? new StepResult(step, "skipped", null)
                    : new StepResult(step, StatusName(after), after == ScenarioExecutionStatus.OK ? null : Describe(runner.ScenarioContext.TestError)));
            }

            await runner.CollectScenarioErrorsAsync();
        }
        catch (Exception ex)
        {
            error = ex;
        }
        finally
        {
            try
            {
                await runner.OnScenarioEndAsync();
            }
            catch (Exception ex)
            {
                error ??= ex;
            }
        }

        if (error is null)
        {
            return new ScenarioResult(scenario, "passed", null, steps);
        }

        return new ScenarioResult(scenario, "failed", FailureMessage(scenario, steps, error), steps) { Exception = error };
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
