using Reqnroll;
using Reqnroll.UnitTestProvider;

namespace S3Spec.Features.Adapter;

/// <summary>Pending, inconclusive and ignored outcomes raised inside a scenario fail it with a clear message.</summary>
public sealed class XunitRuntimeProvider : IUnitTestRuntimeProvider
{
    public void TestPending(string message) => throw new ScenarioNotRunnableException("Pending: " + message);

    public void TestInconclusive(string message) => throw new ScenarioNotRunnableException("Inconclusive: " + message);

    public void TestIgnore(string message) => throw new ScenarioNotRunnableException("Ignored at run time: " + message);

    public ScenarioExecutionStatus? DetectExecutionStatus(Exception exception) => null;
}
