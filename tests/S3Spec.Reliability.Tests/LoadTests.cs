using S3Spec.Reliability.Harness;
using Xunit.Abstractions;

namespace S3Spec.Reliability;

/// <summary>A 30-second version of the load run (the Long project runs 64 clients for up to 10 minutes).</summary>
public sealed class LoadTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Thirty_seconds_of_mixed_load_have_no_server_errors_and_lose_nothing()
    {
        using var box = new Sandbox();
        box.Volume("loadvol");
        await using var server = await TestServer.StartAsync(box.Data, Sandbox.NewCreds());
        var report = await new LoadScenario(server, "loadvol").RunAsync(clients: 32, maxRequests: long.MaxValue, TimeSpan.FromSeconds(30));
        output.WriteLine(report.ToString());
        Assert.True(report.ServerErrors == 0 && report.Lost == 0 && report.TransportErrors == 0, report.ToString());
        Assert.True(report.Requests > 200, report.ToString());
        Assert.True(report.Verified > 0, report.ToString());
    }
}
