using Xunit.Abstractions;
using Xunit.Sdk;

namespace S3Spec.Features.Adapter;

public sealed class ScenarioDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        var display = discoveryOptions.MethodDisplayOrDefault();
        var options = discoveryOptions.MethodDisplayOptionsOrDefault();
        foreach (var scenario in FeatureCatalog.Default.Scenarios)
        {
            yield return new ScenarioTestCase(diagnosticMessageSink, display, options, testMethod, scenario.Id);
        }
    }
}
