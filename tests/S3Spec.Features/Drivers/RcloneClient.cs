namespace S3Spec.Features.Drivers;

/// <summary>
/// rclone (Debian's) with a remote "s3spec" defined only by RCLONE_CONFIG_S3SPEC_* variables (provider Other,
/// path style). AWS_CA_BUNDLE and the other CA variables are removed for rclone alone: rclone 1.60 fails while
/// AWS_CA_BUNDLE is set; an HTTPS server is trusted with --ca-cert.
/// </summary>
internal sealed class RcloneClient(ToolClientContext context) : IToolClient
{
    public Task<ToolResult> UploadAsync(string localFile, string volume, string key, int? partMegabytes = null) =>
        partMegabytes is { } mb
            ? RunAsync("copyto", localFile, Remote(volume, key), "--s3-upload-cutoff", $"{mb}M", "--s3-chunk-size", $"{mb}M")
            : RunAsync("copyto", localFile, Remote(volume, key));

    public Task<ToolResult> DownloadAsync(string volume, string key, string localFile) => RunAsync("copyto", Remote(volume, key), localFile);

    public async Task<ToolResult> ListAsync(string volume, string prefix)
    {
        var result = await RunAsync("lsf", "-R", "--files-only", Remote(volume, prefix));
        var keys = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(k => prefix + k);
        return result with { StandardOutput = string.Join('\n', keys) };
    }

    public Task<ToolResult> DeleteAsync(string volume, string key) => RunAsync("deletefile", Remote(volume, key));

    private static string Remote(string volume, string key) => $"s3spec:{volume}/{key}";

    private Task<ToolResult> RunAsync(params string[] arguments)
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["RCLONE_CONFIG"] = context.LocalPath("rclone.conf"),
            ["RCLONE_CONFIG_S3SPEC_TYPE"] = "s3",
            ["RCLONE_CONFIG_S3SPEC_PROVIDER"] = "Other",
            ["RCLONE_CONFIG_S3SPEC_ACCESS_KEY_ID"] = context.AccessKey,
            ["RCLONE_CONFIG_S3SPEC_SECRET_ACCESS_KEY"] = context.SecretKey,
            ["RCLONE_CONFIG_S3SPEC_ENDPOINT"] = context.EndpointText,
            ["RCLONE_CONFIG_S3SPEC_REGION"] = context.Region,
            ["RCLONE_CONFIG_S3SPEC_FORCE_PATH_STYLE"] = "true",
            ["AWS_CA_BUNDLE"] = null,
            ["SSL_CERT_FILE"] = null,
            ["SSL_CERT_DIR"] = null,
            ["REQUESTS_CA_BUNDLE"] = null,
            ["CURL_CA_BUNDLE"] = null,
            ["AWS_ACCESS_KEY_ID"] = null,
            ["AWS_SECRET_ACCESS_KEY"] = null,
        };
        List<string> all = [.. arguments];
        if (context.Certificate is not null)
        {
            all.AddRange(["--ca-cert", context.Certificate.CertificatePath]);
        }

        return ToolRunner.RunAsync("rclone", all, context.WorkDirectory, environment);
    }
}
