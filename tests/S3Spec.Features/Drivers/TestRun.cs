using Reqnroll;

namespace S3Spec.Features.Drivers;

/// <summary>Starts the target before the first scenario and stops it after the last (also when scenarios failed).</summary>
[Binding]
public sealed class TestRun
{
    private static IS3Target? target;

    public static IS3Target Target => target ?? throw new InvalidOperationException("The test run has not started a target.");

    [BeforeTestRun]
    public static async Task StartTargetAsync()
    {
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
        target = await TargetSelection.CreateAsync(CancellationToken.None);
    }

    [AfterTestRun]
    public static async Task StopTargetAsync()
    {
        if (target is not null)
        {
            await target.DisposeAsync();
            target = null;
        }
    }
}
