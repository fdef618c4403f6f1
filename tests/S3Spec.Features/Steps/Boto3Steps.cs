using Reqnroll;
using S3Spec.Features.Drivers;
using Xunit;

namespace S3Spec.Features.Steps;

/// <summary>
/// boto3 as its users script it, beyond the everyday operations of <see cref="ToolClientSteps"/>: botocore's events,
/// its Expect: 100-continue uploads and its connection pool (clients/python/s3client.py).
/// </summary>
[Binding]
public sealed class Boto3Steps(S3World world)
{
    private ToolResult? last;

    [When("boto3 puts {string} with the header {string} set to {string} before the call")]
    public async Task PutWithHeader(string key, string header, string escapedValue) =>
        last = await Boto3().RunAsync("header-roundtrip", world.Volume, world.Key(key), header, escapedValue);

    [Then("boto3 reads back the same bytes of {string}")]
    public void SameBytes(string header)
    {
        var lines = Lines();
        Assert.True(lines.Length == 2, $"expected the bytes sent and the bytes read back of {header}:\n{last}");
        Assert.Equal(lines[0], lines[1]);
    }

    [Then("boto3 was refused with {string}")]
    public void RefusedWith(string code) => Assert.Equal([code], Lines());

    [When("boto3 puts a file as {string} if none matches {string}, then into a missing volume, then gets it, on one client")]
    public async Task RefusedThenGet(string key, string etag)
    {
        Assert.Equal("*", etag);
        last = await Boto3().RunAsync("refused-then-get", world.Volume, world.Key(key));
    }

    [Then("boto3 reported {string}, {string} and read {string}")]
    public void Reported(string first, string second, string body) => Assert.Equal([first, second, body], Lines());

    private ScriptClient Boto3() => (ScriptClient)world.Tool("boto3");

    private string[] Lines()
    {
        Assert.NotNull(last);
        Assert.True(last.Succeeded, last.ToString());
        return last.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }
}
