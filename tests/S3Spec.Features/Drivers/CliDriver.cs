using System.Diagnostics;

namespace S3Spec.Features.Drivers;

/// <summary>
/// Runs the real AWS CLI v2 (/usr/bin/aws, not a v1 earlier on PATH) against the target with its own empty config
/// file, so nothing from the machine's ~/.aws leaks in. The working directory is a scratch folder per scenario.
/// </summary>
public sealed class CliDriver : IDisposable
{
    private const string DefaultCli = "/usr/bin/aws";
    private readonly Uri endpoint;
    private readonly string accessKey;
    private readonly string secretKey;
    private readonly string region;

    public CliDriver(Uri endpoint, string accessKey, string secretKey, string region, string? workDirectory = null)
    {
        this.endpoint = endpoint;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        this.region = region;
        WorkDirectory = workDirectory ?? Directory.CreateTempSubdirectory("s3spec-cli-").FullName;
        ConfigFile = Path.Combine(WorkDirectory, ".aws-config");
        if (!File.Exists(ConfigFile))
        {
            File.WriteAllText(ConfigFile, "[default]\n");
        }
    }

    /// <summary>Scratch directory for local files the CLI uploads or downloads.</summary>
    public string WorkDirectory { get; }

    public string ConfigFile { get; }

    private static string Executable => Environment.GetEnvironmentVariable("S3SPEC_AWS_CLI") is { Length: > 0 } cli ? cli : DefaultCli;

    /// <summary>Runs `aws ARGS --endpoint-url ENDPOINT`.</summary>
    public Task<CliResult> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken = default) =>
        RunRawAsync([.. arguments, "--endpoint-url", endpoint.ToString().TrimEnd('/')], cancellationToken);

    /// <summary>Runs `aws ARGS` with the scenario's environment but without --endpoint-url (e.g. `aws configure set`).</summary>
    public async Task<CliResult> RunRawAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken = default)
    {
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = WorkDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["AWS_ACCESS_KEY_ID"] = accessKey;
        start.Environment["AWS_SECRET_ACCESS_KEY"] = secretKey;
        start.Environment["AWS_DEFAULT_REGION"] = region;
        start.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        start.Environment["AWS_CONFIG_FILE"] = ConfigFile;
        start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(WorkDirectory, ".aws-credentials");
        start.Environment["AWS_PAGER"] = "";
        start.Environment.Remove("AWS_PROFILE");
        start.Environment.Remove("AWS_SESSION_TOKEN");

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{Executable} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return new CliResult(process.ExitCode, await stdout, await stderr, string.Join(' ', arguments));
    }

    public string LocalPath(string name) => Path.Combine(WorkDirectory, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(WorkDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

public sealed record CliResult(int ExitCode, string StandardOutput, string StandardError, string CommandLine)
{
    public override string ToString() => $"aws {CommandLine} → exit {ExitCode}\nstdout: {StandardOutput}\nstderr: {StandardError}";
}
