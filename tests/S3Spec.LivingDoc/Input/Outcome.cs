namespace S3Spec.LivingDoc.Input;

/// <summary>A scenario's or step's status in the result file, plus <see cref="NotRun"/> for "no result".</summary>
internal enum Outcome
{
    Passed,
    Failed,
    Skipped,
    Undefined,
    Pending,
    NotRun,
}

internal static class Outcomes
{
    public static Outcome? Parse(string? value) => value switch
    {
        "passed" => Outcome.Passed,
        "failed" => Outcome.Failed,
        "skipped" => Outcome.Skipped,
        "undefined" => Outcome.Undefined,
        "pending" => Outcome.Pending,
        _ => null,
    };

    /// <summary>The CSS class suffix and the word shown for an outcome.</summary>
    public static string Name(Outcome outcome) => outcome switch
    {
        Outcome.Passed => "passed",
        Outcome.Failed => "failed",
        Outcome.Skipped => "skipped",
        Outcome.Undefined => "undefined",
        Outcome.Pending => "pending",
        _ => "not-run",
    };

    public static string Label(Outcome outcome) => outcome == Outcome.NotRun ? "not run" : Name(outcome);
}
