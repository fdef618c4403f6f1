namespace S3Spec.FirstHour.Tests;

/// <summary>The S3Spec.TestHost package, consumed from artifacts/packages by samples/S3Spec.TestHost.Sample (xUnit).</summary>
public sealed class TestHostPackageTests
{
    [Fact]
    public async Task TheSampleTestProjectPassesWithThePackedPackage()
    {
        Assert.True(File.Exists(Path.Combine(InstalledTool.Packages, "S3Spec.TestHost.0.1.0.nupkg")), "Build src/S3Spec.TestHost in Release first.");
        using var ws = new Workspace();

        var run = await PackageConsumer.TestSampleAsync(ws, "S3Spec.TestHost.Sample");

        Assert.True(run.Exit == 0, run.Out + run.Err);
        Assert.Contains("Passed!", run.Out, StringComparison.Ordinal);
        Assert.Contains("Passed:     3", run.Out, StringComparison.Ordinal);
    }
}
