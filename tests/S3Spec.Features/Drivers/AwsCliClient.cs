namespace S3Spec.Features.Drivers;

/// <summary>
/// The AWS CLI: v2 is /usr/bin/aws (Debian), v1 the `aws` of the pyenv Python (/root/.pyenv/shims/aws), else
/// `python3 -m awscli` (S3SPEC_AWS_CLI_V1 overrides). HTTPS servers are trusted through --ca-bundle.
/// </summary>
internal sealed class AwsCliClient(ToolClientContext context, string[] command) : IToolClient
{
    private const string PyenvCli = "/root/.pyenv/shims/aws";

    public static readonly string[] V2 = ["/usr/bin/aws"];

    public static string[] V1 =>
        Environment.GetEnvironmentVariable("S3SPEC_AWS_CLI_V1") is { Length: > 0 } configured ? [configured]
        : File.Exists(PyenvCli) ? [PyenvCli]
        : ["python3", "-m", "awscli"];

    public async Task<ToolResult> UploadAsync(string localFile, string volume, string key, int? partMegabytes = null)
    {
        await File.WriteAllTextAsync(context.LocalPath(".aws-config"), partMegabytes is { } mb
            ? $"[default]\ns3 =\n    multipart_threshold = {mb}MB\n    multipart_chunksize = {mb}MB\n"
            : "[default]\n");
        return await RunAsync("s3", "cp", localFile, $"s3://{volume}/{key}");
    }

    public Task<ToolResult> DownloadAsync(string volume, string key, string localFile) => RunAsync("s3", "cp", $"s3://{volume}/{key}", localFile);

    public Task<ToolResult> ListAsync(string volume, string prefix) =>
        RunAsync("s3api", "list-objects-v2", "--bucket", volume, "--prefix", prefix, "--query", "Contents[].Key", "--output", "text");

    public Task<ToolResult> DeleteAsync(string volume, string key) => RunAsync("s3", "rm", $"s3://{volume}/{key}");

    private Task<ToolResult> RunAsync(params string[] arguments)
    {
        if (!File.Exists(context.LocalPath(".aws-config")))
        {
            File.WriteAllText(context.LocalPath(".aws-config"), "[default]\n");
        }

        List<string> all = [.. command[1..], .. arguments, "--endpoint-url", context.EndpointText];
        if (context.Certificate is not null)
        {
            all.AddRange(["--ca-bundle", context.Certificate.CertificatePath]);
        }

        return ToolRunner.RunAsync(command[0], all, context.WorkDirectory, context.AwsEnvironment());
    }
}
