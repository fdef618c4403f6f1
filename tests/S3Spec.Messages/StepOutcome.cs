using Io.Cucumber.Messages.Types;

namespace S3Spec.Messages;

/// <summary>What one test step (a pickle step or the hooks of a phase) did: its status, message, error and timing.</summary>
public sealed record StepOutcome(TestStepResultStatus Status, string? Message, DateTimeOffset Started, DateTimeOffset Finished)
{
    /// <summary>The type and message of the exception that failed it, if any.</summary>
    public (string Type, string Message)? Error { get; init; }

    public static StepOutcome Skipped(DateTimeOffset at, string? message = null) => new(TestStepResultStatus.SKIPPED, message, at, at);
}

/// <summary>One scenario's run: the before-scenario hooks, each pickle step in order, the after-scenario hooks.</summary>
public sealed record CaseOutcome(DateTimeOffset Started, DateTimeOffset Finished, StepOutcome Before, IReadOnlyList<StepOutcome> Steps, StepOutcome After);
