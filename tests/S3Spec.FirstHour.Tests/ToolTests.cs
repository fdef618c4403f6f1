using S3Spec.Testing;

namespace S3Spec.FirstHour.Tests;

/// <summary>The `s3spec` command, installed from the packed package: serve DIR, serve --ephemeral, the admin verbs.</summary>
public sealed class ToolTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task ServeDirCreatesItAndPrintsABlockThatWorksWithTheToolOnPath()
    {
        var tools = await InstalledTool.DirectoryAsync();
        using var ws = new Workspace();
        var port = LoopbackPort.Free();
        var path = tools + ":/usr/bin:/bin:" + Environment.GetEnvironmentVariable("PATH");
        var env = new Dictionary<string, string>(StringComparer.Ordinal) { ["PATH"] = path };

        await using (var server = StartedCommand.Start(Path.Combine(tools, "s3spec"), ["serve", "volumes", "--urls", $"http://127.0.0.1:{port}"], ws.Path, env))
        {
            var output = await server.WaitForAsync(ConnectionBlockText.Marker, StartTimeout);
            Assert.Contains($"Created data root {ws.Combine("volumes")} with volume 'default'.", output, StringComparison.Ordinal);
            Assert.True(Directory.Exists(ws.Combine("volumes", "default")));
            var block = ConnectionBlockText.Extract(output);
            Assert.Contains($"later: s3spec --data-root {ws.Combine("volumes")} key show ", block, StringComparison.Ordinal);
        }

        // The second start prints the tool's own `key show` in the block; pasted with the tool on PATH, it works.
        var again = LoopbackPort.Free();
        await using (var server = StartedCommand.Start(Path.Combine(tools, "s3spec"), ["serve", "volumes", "--urls", $"http://127.0.0.1:{again}"], ws.Path, env))
        {
            var block = ConnectionBlockText.Extract(await server.WaitForAsync(ConnectionBlockText.Marker, StartTimeout));
            Assert.Contains($"AWS_SECRET_ACCESS_KEY=\"$(s3spec --data-root {ws.Combine("volumes")} key show ", block, StringComparison.Ordinal);
            var cli = await Commands.RunAsync("bash", ["-e", "-c", block + "echo hi | aws --endpoint-url \"$AWS_ENDPOINT_URL\" s3 cp - s3://default/hi.txt\n"], ws.Path, env);
            Assert.True(cli.Exit == 0, cli.Out + cli.Err);
            Assert.Equal("hi\n", File.ReadAllText(ws.Combine("volumes", "default", "hi.txt")));
        }

        var list = await Commands.RunAsync(Path.Combine(tools, "s3spec"), ["volume", "list", "--data-root", ws.Combine("volumes")], ws.Path, env);
        Assert.True(list.Exit == 0, list.Out + list.Err);
        Assert.Contains("default", list.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServeEphemeralWritesTheConnectionFileAndRemovesEverythingAtExit()
    {
        var tools = await InstalledTool.DirectoryAsync();
        using var ws = new Workspace();
        var file = ws.Combine("s3spec.env");
        string dataRoot;
        await using (var server = StartedCommand.Start(Path.Combine(tools, "s3spec"), ["serve", "--ephemeral", "--volume", "models", "--connection-file", file], ws.Path))
        {
            await server.WaitForAsync(ConnectionBlockText.Marker, StartTimeout);
            var vars = File.ReadAllLines(file).Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
            dataRoot = vars["S3SPEC_DATA_ROOT"];
            Assert.True(Directory.Exists(Path.Combine(dataRoot, "models")));
            Assert.StartsWith("http://127.0.0.1:", vars["AWS_ENDPOINT_URL"], StringComparison.Ordinal);

            // A fixture of another language: source the file, use boto3 with nothing else configured.
            var python = Environment.GetEnvironmentVariable("S3SPEC_PYTHON") is { Length: > 0 } p ? p : "python3";
            var script = $"set -a; . {file}; set +a\n{python} -c \"import boto3, os; s3 = boto3.client('s3', endpoint_url=os.environ['AWS_ENDPOINT_URL']); s3.put_object(Bucket='models', Key='m.bin', Body=b'x'); print(s3.get_object(Bucket='models', Key='m.bin')['Body'].read().decode())\"\n";
            var boto = await Commands.RunAsync("bash", ["-e", "-c", script], ws.Path);
            Assert.True(boto.Exit == 0, boto.Out + boto.Err);
            Assert.Equal("x\n", boto.Out);

            await server.StopAsync(TimeSpan.FromSeconds(30));
            Assert.True(server.HasExited);
        }

        Assert.False(Directory.Exists(dataRoot), dataRoot);
        Assert.False(File.Exists(file));
    }

    [Fact]
    public async Task TheToolNamesItsCommands()
    {
        var tools = await InstalledTool.DirectoryAsync();
        using var ws = new Workspace();

        var help = await Commands.RunAsync(Path.Combine(tools, "s3spec"), ["--help"], ws.Path);
        Assert.Equal(0, help.Exit);
        foreach (var verb in new[] { "serve", "volume", "key", "kubernetes" })
        {
            Assert.Contains(verb, help.Out, StringComparison.Ordinal);
        }

        var serveHelp = await Commands.RunAsync(Path.Combine(tools, "s3spec"), ["serve", "--help"], ws.Path);
        Assert.Equal(0, serveHelp.Exit);
        Assert.Contains("--ephemeral", serveHelp.Out, StringComparison.Ordinal);

        var wrong = await Commands.RunAsync(Path.Combine(tools, "s3spec"), ["serve", "--ephemeral", "somewhere"], ws.Path);
        Assert.Equal(1, wrong.Exit);
        Assert.Contains("--ephemeral makes its own data root", wrong.Err, StringComparison.Ordinal);
    }
}
