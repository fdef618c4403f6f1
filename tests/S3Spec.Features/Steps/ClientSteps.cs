using Reqnroll;
using S3Spec.Features.Drivers;
using Xunit;

namespace S3Spec.Features.Steps;

/// <summary>The same operation through either client, for scenarios that name the client as a parameter.</summary>
[Binding]
public sealed class ClientSteps(S3World world)
{
    [When("the SDK puts {string} with the content {string}")]
    public async Task SdkPut(string key, string content)
    {
        var outcome = await world.Objects.PutAsync(key, content);
        Assert.True(outcome.Succeeded, $"PUT {key}: {outcome}");
    }

    [When("the CLI puts {string} with the content {string}")]
    public async Task CliPut(string key, string content)
    {
        await File.WriteAllTextAsync(world.Cli.LocalPath("upload.txt"), content);
        var result = await world.Cli.RunAsync(["s3api", "put-object", "--bucket", world.Volume, "--key", world.Key(key), "--body", "upload.txt"]);
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Then("the SDK reads {string} as {string}")]
    public async Task SdkRead(string key, string expected) => Assert.Equal(expected, await world.Objects.ReadTextAsync(key));

    [Then("the CLI reads {string} as {string}")]
    public async Task CliRead(string key, string expected)
    {
        var result = await world.Cli.RunAsync(["s3api", "get-object", "--bucket", world.Volume, "--key", world.Key(key), "download.txt"]);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(expected, await File.ReadAllTextAsync(world.Cli.LocalPath("download.txt")));
    }
}
