namespace S3Spec.Features.Adapter;

/// <summary>One runnable scenario (a Gherkin "pickle"): an ordinary scenario, or one Examples row of an outline.</summary>
public sealed record ScenarioCase(
    string Id,
    int Order,
    string Uri,
    int Line,
    FeatureHeader Feature,
    RuleHeader? Rule,
    string Name,
    string Description,
    IReadOnlyList<string> Tags,
    IReadOnlyList<KeyValuePair<string, string>> Arguments,
    IReadOnlyList<ScenarioStep> Steps)
{
    /// <summary>Feature, rule and scenario/examples tags together, without the leading '@'.</summary>
    public IEnumerable<string> AllTags => Feature.Tags.Concat(Rule?.Tags ?? []).Concat(Tags);

    public string DisplayName
    {
        get
        {
            var name = Rule is null ? $"{Feature.Name} › {Name}" : $"{Feature.Name} › {Rule.Name} › {Name}";
            return Arguments.Count == 0 ? name : $"{name} [{string.Join(", ", Arguments.Select(a => a.Value))}]";
        }
    }
}

public sealed record FeatureHeader(string Uri, string Name, string Description, string Language, IReadOnlyList<string> Tags);

public sealed record RuleHeader(string Name, string Description, IReadOnlyList<string> Tags);

public enum StepKind
{
    Given,
    When,
    Then,
}

/// <summary>A step with its keyword already resolved: And/But take the kind of the step before them.</summary>
public sealed record ScenarioStep(string Keyword, StepKind Kind, string Text, int Line, string? DocString, IReadOnlyList<IReadOnlyList<string>>? Table);
