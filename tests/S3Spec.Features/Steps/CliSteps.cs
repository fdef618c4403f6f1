using System.Security.Cryptography;
using Reqnroll;
using S3Spec.Features.Drivers;
using Xunit;

namespace S3Spec.Features.Steps;

/// <summary>
/// `aws ...` command lines as a user types them. In a command, `s3://VOLUME/` means the scenario's place on its
/// volume, and the values of --bucket VOLUME, --key and --prefix are placed there too.
/// </summary>
[Binding]
public sealed class CliSteps(S3World world)
{
    private CliResult Last => world.LastCli ?? throw new InvalidOperationException("No command has run.");

    [Given("a local file {string} containing {string}")]
    public async Task LocalFile(string name, string content)
    {
        var path = world.Cli.LocalPath(name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, content);
    }

    [Given("a local file {string} of {int} MB")]
    public async Task LocalBinaryFile(string name, int megabytes)
    {
        var bytes = new byte[megabytes * 1024 * 1024];
        new Random(megabytes).NextBytes(bytes);
        await File.WriteAllBytesAsync(world.Cli.LocalPath(name), bytes);
    }

    [Given("the CLI's multipart threshold and chunk size are {word}")]
    public async Task MultipartThreshold(string size)
    {
        foreach (var setting in new[] { "default.s3.multipart_threshold", "default.s3.multipart_chunksize" })
        {
            var result = await world.Cli.RunRawAsync(["configure", "set", setting, size]);
            Assert.True(result.ExitCode == 0, result.ToString());
        }
    }

    [When("I run {string}")]
    public async Task Run(string commandLine)
    {
        var words = commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("aws", words[0]);
        var arguments = new List<string>();
        for (var i = 1; i < words.Length; i++)
        {
            var word = words[i].Replace("s3://VOLUME/", $"s3://{world.Volume}/{world.Prefix}", StringComparison.Ordinal);
            var previous = i > 1 ? words[i - 1] : "";
            word = previous switch
            {
                "--bucket" when word == "VOLUME" => world.Volume,
                "--key" or "--prefix" => world.Key(word),
                _ => word,
            };
            arguments.Add(word);
        }

        world.LastCli = await world.Cli.RunAsync(arguments);
    }

    [Then("the command succeeds")]
    public void Succeeds() => Assert.True(Last.ExitCode == 0, Last.ToString());

    [Then("the command fails")]
    public void Fails() => Assert.True(Last.ExitCode != 0, Last.ToString());

    [Then("the output has a line matching {string}")]
    public void OutputHas(string text) => Assert.True(Last.StandardOutput.Contains(text, StringComparison.Ordinal), Last.ToString());

    [Then("the output has no line matching {string}")]
    public void OutputLacks(string text) => Assert.False(Last.StandardOutput.Contains(text, StringComparison.Ordinal), Last.ToString());

    [Then("the error output mentions {string}")]
    public void ErrorMentions(string text) => Assert.True(Last.StandardError.Contains(text, StringComparison.Ordinal), Last.ToString());

    [Then("the local file {string} contains {string}")]
    public async Task LocalContains(string name, string expected) => Assert.Equal(expected, await File.ReadAllTextAsync(world.Cli.LocalPath(name)));

    [Then("the local file {string} has the same bytes as {string}")]
    public async Task SameBytes(string name, string original) =>
        Assert.Equal(
            Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(world.Cli.LocalPath(original)))),
            Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(world.Cli.LocalPath(name)))));
}
