using Xunit;

namespace S3Spec.Features.Adapter;

/// <summary>The single xUnit entry point: one test case per scenario of features/**/*.feature.</summary>
[TestCaseOrderer("S3Spec.Features.Adapter.ScenarioOrderer", "S3Spec.Features")]
public sealed class FeatureScenarios(ScenarioSession session) : IClassFixture<ScenarioSession>
{
    [Scenarios]
    public Task Scenario(string scenarioId) => session.RunAsync(scenarioId);
}
