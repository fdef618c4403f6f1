namespace S3Spec.LivingDoc.Input;

/// <summary>features/index.yaml: areas grouping the features, and the features/rules/scenarios that document each
/// S3 operation and each limitation of the brief.</summary>
internal sealed class IndexMapping
{
    public List<AreaEntry> Areas { get; set; } = [];

    public List<IndexEntry> Operations { get; set; } = [];

    public List<IndexEntry> Limitations { get; set; } = [];
}

internal sealed class AreaEntry
{
    public string Name { get; set; } = "";

    public string? Summary { get; set; }

    public List<string> Features { get; set; } = [];
}

internal sealed class IndexEntry
{
    public string Name { get; set; } = "";

    public string? Summary { get; set; }

    public List<DocReference> DocumentedBy { get; set; } = [];
}

/// <summary>A feature file (relative to the features folder), optionally narrowed to one rule and/or one scenario.</summary>
internal sealed class DocReference
{
    public string Feature { get; set; } = "";

    public string? Rule { get; set; }

    public string? Scenario { get; set; }
}
