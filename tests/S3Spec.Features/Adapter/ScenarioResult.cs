namespace S3Spec.Features.Adapter;

/// <summary>What happened to one scenario; written to the result file and used for the failure message.</summary>
public sealed record ScenarioResult(ScenarioCase Scenario, string Status, string? Error, IReadOnlyList<StepResult> Steps, string? SkipReason = null)
{
    public Exception? Exception { get; init; }
}

public sealed record StepResult(ScenarioStep Step, string Status, string? Error);
