namespace S3Spec.Features.Drivers;

/// <summary>s3cmd (Debian's) with a config file of its own: SigV4 (signature_v2 False), path style through host_base/host_bucket.</summary>
internal sealed class S3cmdClient(ToolClientContext context) : IToolClient
{
    public Task<ToolResult> UploadAsync(string localFile, string volume, string key, int? partMegabytes = null) =>
        partMegabytes is { } mb
            ? RunAsync("put", localFile, $"s3://{volume}/{key}", $"--multipart-chunk-size-mb={mb}")
            : RunAsync("put", localFile, $"s3://{volume}/{key}");

    public Task<ToolResult> DownloadAsync(string volume, string key, string localFile) => RunAsync("get", "--force", $"s3://{volume}/{key}", localFile);

    public async Task<ToolResult> ListAsync(string volume, string prefix)
    {
        var result = await RunAsync("ls", "--recursive", $"s3://{volume}/{prefix}");
        var marker = $"s3://{volume}/";
        var keys = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.IndexOf(marker, StringComparison.Ordinal) is var i and >= 0 ? line[(i + marker.Length)..].TrimEnd() : null)
            .OfType<string>();
        return result with { StandardOutput = string.Join('\n', keys) };
    }

    public Task<ToolResult> DeleteAsync(string volume, string key) => RunAsync("del", $"s3://{volume}/{key}");

    private async Task<ToolResult> RunAsync(params string[] arguments)
    {
        var config = context.LocalPath("s3cmd.cfg");
        var https = context.Endpoint.Scheme == Uri.UriSchemeHttps;
        await File.WriteAllTextAsync(config, $"""
            [default]
            access_key = {context.AccessKey}
            secret_key = {context.SecretKey}
            host_base = {context.Endpoint.Authority}
            host_bucket = {context.Endpoint.Authority}
            bucket_location = {context.Region}
            use_https = {(https ? "True" : "False")}
            signature_v2 = False
            ca_certs_file = {context.Certificate?.CertificatePath ?? ""}
            check_ssl_certificate = True

            """);
        return await ToolRunner.RunAsync("s3cmd", ["-c", config, .. arguments], context.WorkDirectory, new Dictionary<string, string?>(StringComparer.Ordinal));
    }
}
