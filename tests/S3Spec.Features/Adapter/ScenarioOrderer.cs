using Xunit.Abstractions;
using Xunit.Sdk;

namespace S3Spec.Features.Adapter;

/// <summary>Runs scenarios in file and line order so each feature starts and ends once.</summary>
public sealed class ScenarioOrderer : ITestCaseOrderer
{
    public IEnumerable<TTestCase> OrderTestCases<TTestCase>(IEnumerable<TTestCase> testCases)
        where TTestCase : ITestCase =>
        testCases.OrderBy(t => t is ScenarioTestCase s ? s.Order : int.MaxValue).ThenBy(t => t.UniqueID, StringComparer.Ordinal);
}
