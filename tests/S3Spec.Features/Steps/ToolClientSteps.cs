using System.Security.Cryptography;
using Reqnroll;
using S3Spec.Features.Drivers;
using Xunit;

namespace S3Spec.Features.Steps;

/// <summary>Clients as users run them (see <see cref="IToolClient"/>); local files live in the scenario's scratch folder.</summary>
[Binding]
public sealed class ToolClientSteps(S3World world)
{
    [When("the client {string} uploads {string} as {string}")]
    public async Task Upload(string client, string local, string key) =>
        Succeeded(await world.Tool(client).UploadAsync(local, world.Volume, world.Key(key)));

    [When("the client {string} uploads {string} as {string} in {int} MB parts")]
    public async Task UploadInParts(string client, string local, string key, int megabytes) =>
        Succeeded(await world.Tool(client).UploadAsync(local, world.Volume, world.Key(key), megabytes));

    [Then("the client {string} lists {string} as {string}")]
    public async Task Lists(string client, string prefix, string expected)
    {
        var result = Succeeded(await world.Tool(client).ListAsync(world.Volume, world.Key(prefix)));
        var keys = result.StandardOutput.Split(['\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(world.Unkey).ToList();
        Assert.True(keys.SequenceEqual([expected]), $"Listed: {string.Join(", ", keys)}\n{result}");
    }

    [Then("the client {string} downloads {string} as {string} containing {string}")]
    public async Task Downloads(string client, string key, string local, string expected)
    {
        Succeeded(await world.Tool(client).DownloadAsync(world.Volume, world.Key(key), local));
        Assert.Equal(expected, await File.ReadAllTextAsync(world.Cli.LocalPath(local)));
    }

    [Then("the client {string} downloads {string} as {string} with the same bytes as {string}")]
    public async Task DownloadsSame(string client, string key, string local, string original)
    {
        Succeeded(await world.Tool(client).DownloadAsync(world.Volume, world.Key(key), local));
        Assert.Equal(
            Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(world.Cli.LocalPath(original)))),
            Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(world.Cli.LocalPath(local)))));
    }

    [When("the client {string} deletes {string}")]
    public async Task Delete(string client, string key) => Succeeded(await world.Tool(client).DeleteAsync(world.Volume, world.Key(key)));

    private static ToolResult Succeeded(ToolResult result)
    {
        Assert.True(result.Succeeded, result.ToString());
        return result;
    }
}
