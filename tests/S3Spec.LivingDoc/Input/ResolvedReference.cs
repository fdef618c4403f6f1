using Gherkin.Ast;

namespace S3Spec.LivingDoc.Input;

/// <summary>A <see cref="DocReference"/> found in the features: where it links to and the scenario cases it covers.</summary>
internal sealed record ResolvedReference(FeatureSource Feature, Rule? Rule, Scenario? Scenario, IReadOnlyList<ScenarioCase> Cases)
{
    public string Href => Feature.PageName + (Scenario is not null ? "#" + Anchors.Scenario(Scenario) : Rule is not null ? "#" + Anchors.Rule(Rule) : "");
}

internal static class Anchors
{
    public static string Scenario(Scenario scenario) => $"L{scenario.Location.Line}";

    public static string Rule(Rule rule) => $"rule-L{rule.Location.Line}";
}
