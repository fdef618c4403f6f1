using Gherkin.Ast;

namespace S3Spec.LivingDoc.Input;

/// <summary>
/// One runnable scenario as the suite names it: an ordinary scenario, or one Examples row of an outline, with the
/// result found for it (null: not run).
/// </summary>
internal sealed record ScenarioCase(
    string Id,
    FeatureSource Feature,
    Rule? Rule,
    Scenario Scenario,
    Examples? Examples,
    TableRow? Row,
    string Name,
    IReadOnlyList<string> Tags,
    ScenarioRecord? Result)
{
    public Outcome Outcome => Result?.Status ?? Outcome.NotRun;
}
