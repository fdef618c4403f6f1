using Reqnroll;
using S3Spec.Features.Drivers;
using Xunit;

namespace S3Spec.Features.Steps;

/// <summary>Assertions on the last request's outcome, shared by every feature.</summary>
[Binding]
public sealed class OutcomeSteps(S3World world)
{
    [Then("the request succeeds")]
    public void RequestSucceeds() => Assert.True(world.LastOutcome.Succeeded, $"Expected success, got {world.LastOutcome}");

    [Then("the request succeeds with HTTP {int}")]
    public void RequestSucceedsWith(int status)
    {
        RequestSucceeds();
        Assert.Equal(status, (int)world.LastOutcome.Status);
    }

    [Then("the request fails")]
    public void RequestFails() => Assert.False(world.LastOutcome.Succeeded, "Expected a failure, but the request succeeded");

    [Then("the request fails with HTTP {int}")]
    public void RequestFailsWith(int status)
    {
        Assert.False(world.LastOutcome.Succeeded, $"Expected HTTP {status}, but the request succeeded");
        Assert.Equal(status, (int)world.LastOutcome.Status);
    }

    [Then("the request fails with HTTP {int} {word}")]
    public void RequestFailsWith(int status, string code)
    {
        RequestFailsWith(status);
        Assert.Equal(code, world.LastOutcome.ErrorCode);
    }
}
