namespace S3Spec.Features.Adapter;

/// <summary>
/// What happened to one scenario, when: its steps, and the scenario hooks around them (Reqnroll's [BeforeScenario]
/// and [AfterScenario] bindings together). Written to the result file and used for the failure message.
/// </summary>
public sealed record ScenarioResult(ScenarioCase Scenario, string Status, string? Error, IReadOnlyList<StepResult> Steps, string? SkipReason = null)
{
    public Exception? Exception { get; init; }

    public DateTimeOffset Started { get; init; }

    public DateTimeOffset Finished { get; init; }

    /// <summary>The before-scenario hooks; null when the scenario did not run (skipped).</summary>
    public HookResult? Before { get; init; }

    /// <summary>The after-scenario hooks, including errors raised outside any step; null when the scenario did not run.</summary>
    public HookResult? After { get; init; }
}

/// <summary>One step's status ("passed", "failed", "undefined", "pending", "skipped"), error and timing.</summary>
public sealed record StepResult(ScenarioStep Step, string Status, string? Error)
{
    public Exception? Exception { get; init; }

    public DateTimeOffset Started { get; init; }

    public DateTimeOffset Finished { get; init; }
}

/// <summary>The scenario hooks of one phase: "passed" or "failed" with the error, and their timing.</summary>
public sealed record HookResult(string Status, string? Error, Exception? Exception, DateTimeOffset Started, DateTimeOffset Finished);
