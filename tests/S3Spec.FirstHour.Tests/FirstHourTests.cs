using S3Spec.Testing;

namespace S3Spec.FirstHour.Tests;

/// <summary>
/// The README's first hour as a user types it, from a directory that is not the server's project folder:
/// where the data lands, and whether the printed connection block works when pasted, with Debian's AWS CLI and boto3.
/// </summary>
public sealed class FirstHourTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    /// <summary>The python3 with boto3 (tests/run-all.sh sets S3SPEC_PYTHON when it is Debian's).</summary>
    private static string Python => Environment.GetEnvironmentVariable("S3SPEC_PYTHON") is { Length: > 0 } p ? p : OnPath("python3");

    /// <summary>The absolute path of <paramref name="name"/> on the test's PATH (scripts below put /usr/bin first for the CLI).</summary>
    private static string OnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists) ?? name;

    private static string ServerProject => Path.Combine(Workspace.Repo, "src", "S3Spec.Server");

    private static string AdminProject => Path.Combine(Workspace.Repo, "src", "S3Spec.Admin");

    [Fact]
    public async Task TheServerStartedFromAnotherDirectoryKeepsItsDataThereAndThePastedBlockWorks()
    {
        using var ws = new Workspace();
        var inProject = Path.Combine(ServerProject, "data");
        var inProjectBefore = Directory.Exists(inProject);

        var port = LoopbackPort.Free();
        await using (var server = StartServer(ws, port))
        {
            var output = await server.WaitForAsync(ConnectionBlockText.Marker, StartTimeout);

            var dataRoot = ws.Combine("data");
            Assert.True(Directory.Exists(Path.Combine(dataRoot, "default")), output);
            Assert.True(File.Exists(Path.Combine(dataRoot, ".s3spec", "keys.json")), output);
            Assert.Contains($"Created data root {dataRoot}", output, StringComparison.Ordinal);
            Assert.Equal(inProjectBefore, Directory.Exists(inProject));

            var block = ConnectionBlockText.Extract(output);
            Assert.Equal($"http://127.0.0.1:{port}", ConnectionBlockText.Value(block, "AWS_ENDPOINT_URL"));
            Assert.Contains($"aws --endpoint-url http://127.0.0.1:{port} s3 ls", block, StringComparison.Ordinal);

            // Debian's AWS CLI (2.9.19, which ignores AWS_ENDPOINT_URL) as pasted, then an upload with the same settings.
            File.WriteAllText(ws.Combine("hello.txt"), "hello first hour\n");
            var cli = await Bash(ws, block + "aws --endpoint-url \"$AWS_ENDPOINT_URL\" s3 cp hello.txt s3://default/hello.txt\n", debianCli: true);
            Assert.True(cli.Exit == 0, cli.Out + cli.Err);
            Assert.Contains("default", cli.Out, StringComparison.Ordinal);
            Assert.Equal("hello first hour\n", File.ReadAllText(Path.Combine(dataRoot, "default", "hello.txt")));

            // boto3 reads the endpoint from AWS_ENDPOINT_URL; nothing else configured.
            // (Debian's python3-boto3 1.26 predates AWS_ENDPOINT_URL, as the block says: there the endpoint is passed.)
            var boto = await Bash(ws, block + Python + " -c \"import boto3, os; kw = {} if tuple(map(int, boto3.__version__.split('.')[:2])) >= (1, 28) else {'endpoint_url': os.environ['AWS_ENDPOINT_URL']}; print(boto3.client('s3', **kw).get_object(Bucket='default', Key='hello.txt')['Body'].read().decode(), end='')\"\n", debianCli: false);
            Assert.True(boto.Exit == 0, boto.Out + boto.Err);
            Assert.EndsWith("hello first hour\n", boto.Out, StringComparison.Ordinal);

            // The README's first example, as pasted after the block (python3 is the one with boto3).
            var example = ReadmeExample().Replace("python3 -c", Python + " -c", StringComparison.Ordinal);
            var readme = await Bash(ws, block + example, debianCli: true);
            Assert.True(readme.Exit == 0, example + readme.Out + readme.Err);
            Assert.Contains("b'hello\\n'", readme.Out, StringComparison.Ordinal);
            Assert.Equal("hello\n", File.ReadAllText(Path.Combine(dataRoot, "default", "hello.txt")));
            Assert.Equal(["data"], Directory.GetFileSystemEntries(ws.Path).Select(Path.GetFileName).Where(n => n != "hello.txt"));

            // The admin command run the same way finds the same data root.
            var list = await Commands.RunAsync("dotnet", ["run", "--no-build", "-c", Workspace.Configuration, "--project", AdminProject, "--", "volume", "list"], ws.Path);
            Assert.True(list.Exit == 0, list.Out + list.Err);
            Assert.Contains("default", list.Out, StringComparison.Ordinal);
        }

        // A later start shows no secret, but a command that prints it; pasted, the block still works.
        await using (var again = StartServer(ws, LoopbackPort.Free()))
        {
            var output = await again.WaitForAsync(ConnectionBlockText.Marker, StartTimeout);
            var block = ConnectionBlockText.Extract(output);
            var keys = File.ReadAllText(ws.Combine("data", ".s3spec", "keys.json"));
            Assert.DoesNotContain("Created data root", output, StringComparison.Ordinal);
            Assert.Contains($"AWS_SECRET_ACCESS_KEY=\"$(dotnet run --project {AdminProject} -- --data-root {ws.Combine("data")} key show ", block, StringComparison.Ordinal);
            foreach (var secret in System.Text.RegularExpressions.Regex.Matches(keys, "rps_[0-9A-Za-z]+"))
            {
                Assert.DoesNotContain(secret.ToString()!, output, StringComparison.Ordinal);
            }

            // As pasted, except that the admin command is not rebuilt in another configuration here.
            var runnable = block.Replace("dotnet run --project", $"dotnet run --no-build -c {Workspace.Configuration} --project", StringComparison.Ordinal);
            var cli = await Bash(ws, runnable + "aws --endpoint-url \"$AWS_ENDPOINT_URL\" s3 ls s3://default/\n", debianCli: true);
            Assert.True(cli.Exit == 0, cli.Out + cli.Err);
            Assert.Contains("hello.txt", cli.Out, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task TheAdminCommandRunFromAnotherDirectoryUsesItsDataFolder()
    {
        using var ws = new Workspace();
        Directory.CreateDirectory(ws.Combine("data", "photos"));

        var list = await Commands.RunAsync("dotnet", ["run", "--no-build", "-c", Workspace.Configuration, "--project", AdminProject, "--", "volume", "list"], ws.Path);

        Assert.True(list.Exit == 0, list.Out + list.Err);
        Assert.Contains("photos", list.Out, StringComparison.Ordinal);
    }

    /// <summary>The shell block of README.md that follows "paste that block, then:".</summary>
    private static string ReadmeExample()
    {
        var readme = File.ReadAllText(Path.Combine(Workspace.Repo, "README.md"));
        var m = System.Text.RegularExpressions.Regex.Match(readme, "paste that block, then:\\n\\n```sh\\n(.*?)```", System.Text.RegularExpressions.RegexOptions.Singleline);
        Assert.True(m.Success, "README.md has no first example after 'paste that block, then:'");
        return m.Groups[1].Value;
    }

    private static StartedCommand StartServer(Workspace ws, int port) =>
        StartedCommand.Start("dotnet", ["run", "--no-build", "-c", Workspace.Configuration, "--project", ServerProject, "--", "--urls", $"http://127.0.0.1:{port}"], ws.Path);

    /// <summary>Runs a script with bash -e; <paramref name="debianCli"/> puts /usr/bin first, so that `aws` is Debian's CLI v2.</summary>
    private static Task<(int Exit, string Out, string Err)> Bash(Workspace ws, string script, bool debianCli)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin";
        var environment = new Dictionary<string, string>(StringComparer.Ordinal) { ["PATH"] = debianCli ? "/usr/bin:/bin:" + path : path };
        return Commands.RunAsync("bash", ["-e", "-c", script], ws.Path, environment, TimeSpan.FromMinutes(3));
    }
}
