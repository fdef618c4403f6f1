namespace S3Spec.LivingDoc.Input;

/// <summary>The first line of the result file (see tests/S3Spec.Features/Adapter/ResultWriter.cs).</summary>
internal sealed record RunRecord(string? StartedAt, string? Target, IReadOnlyList<string> Features);

/// <summary>One "scenario" line: an ordinary scenario or one Examples row of an outline.</summary>
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
    IReadOnlyList<StepRecord> Steps);

internal sealed record StepRecord(string Keyword, string Text, int Line, Outcome Status, string? Error);
