namespace S3Spec.LivingDoc.Input;

/// <summary>The run: testRunStarted's time, the target's description (its attachment), the feature files it carries.</summary>
internal sealed record RunRecord(string? StartedAt, string? Target, IReadOnlyList<string> Features);

/// <summary>One test case of the run: an ordinary scenario or one Examples row of an outline.</summary>
internal sealed record ScenarioRecord(
    string Id,
    string Uri,
    int Line,
    string? Rule,
    string Scenario,
    IReadOnlyList<KeyValuePair<string, string>> Arguments,
    Outcome Status,
    string? SkipReason,
    string? Error,
    IReadOnlyList<StepRecord> Steps)
{
    /// <summary>The feature's name as the run saw it.</summary>
    public string Feature { get; init; } = "";

    /// <summary>The line of the scenario (of the outline, for an Examples row).</summary>
    public int ScenarioLine { get; init; }

    /// <summary>For an Examples row: the outline's name with its &lt;placeholders&gt;; null for an ordinary scenario.</summary>
    public string? Outline { get; init; }
}

/// <summary>One pickle step's result: keyword and line from the gherkinDocument, text from the pickle.</summary>
internal sealed record StepRecord(string Keyword, string Text, int Line, Outcome Status, string? Error);
