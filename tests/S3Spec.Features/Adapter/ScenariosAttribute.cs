using Xunit;
using Xunit.Sdk;

namespace S3Spec.Features.Adapter;

/// <summary>Marks the one test method that runs scenarios; <see cref="ScenarioDiscoverer"/> makes one test case per scenario.</summary>
[AttributeUsage(AttributeTargets.Method)]
[XunitTestCaseDiscoverer("S3Spec.Features.Adapter.ScenarioDiscoverer", "S3Spec.Features")]
public sealed class ScenariosAttribute : FactAttribute;
