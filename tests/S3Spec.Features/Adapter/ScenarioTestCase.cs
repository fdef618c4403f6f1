using System.ComponentModel;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace S3Spec.Features.Adapter;

/// <summary>
/// A test case for one scenario. Only the scenario id is serialized; the display name and skip reason are looked up
/// again in the catalog, so a skipped scenario shows as "skipped" with its reason in any xUnit runner.
/// </summary>
public sealed class ScenarioTestCase : XunitTestCase
{
    [EditorBrowsable(EditorBrowsableState.Never)]
    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public ScenarioTestCase()
    {
    }

    public ScenarioTestCase(IMessageSink sink, TestMethodDisplay display, TestMethodDisplayOptions options, ITestMethod testMethod, string scenarioId)
        : base(sink, display, options, testMethod, [scenarioId])
    {
    }

    public string ScenarioId => (string)TestMethodArguments[0];

    public int Order => FeatureCatalog.Default.Find(ScenarioId)?.Order ?? int.MaxValue;

    protected override string GetDisplayName(IAttributeInfo factAttribute, string displayName) =>
        FeatureCatalog.Default.Find(ScenarioId)?.DisplayName ?? $"{ScenarioId} (no longer in the features)";

    protected override string? GetSkipReason(IAttributeInfo factAttribute) =>
        FeatureCatalog.Default.Find(ScenarioId) is { } scenario ? SkipPolicy.ReasonFor(scenario) : null;

    protected override void Initialize()
    {
        base.Initialize();
        if (FeatureCatalog.Default.Find(ScenarioId) is { } scenario)
        {
            SourceInformation = new SourceInformation { FileName = scenario.Uri, LineNumber = scenario.Line };
            Traits.TryAdd("Feature", [scenario.Feature.Name]);
            Traits.TryAdd("Tag", scenario.AllTags.ToList());
        }
    }
}
