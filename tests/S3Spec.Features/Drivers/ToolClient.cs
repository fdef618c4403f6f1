namespace S3Spec.Features.Drivers;

/// <summary>
/// One S3 client as a user runs it (the AWS SDK for .NET, the AWS CLI v1/v2, boto3, the AWS SDK for JavaScript v3,
/// rclone, s3cmd), reduced to the few operations the smoke and HTTPS scenarios need. Each works in the scenario's
/// scratch directory with its own configuration, never the machine's.
/// </summary>
public interface IToolClient
{
    /// <summary>Uploads a local file; with <paramref name="partMegabytes"/> the client's multipart threshold and part size are set to it.</summary>
    Task<ToolResult> UploadAsync(string localFile, string volume, string key, int? partMegabytes = null);

    Task<ToolResult> DownloadAsync(string volume, string key, string localFile);

    /// <summary>Lists the keys under a prefix, recursively; the result's output has one key per line.</summary>
    Task<ToolResult> ListAsync(string volume, string prefix);

    Task<ToolResult> DeleteAsync(string volume, string key);
}

/// <summary>Where a client connects and how: the server, the main key, the region, the certificate to trust.</summary>
public sealed record ToolClientContext(Uri Endpoint, string AccessKey, string SecretKey, string Region, TestCertificate? Certificate, string WorkDirectory)
{
    public string EndpointText => Endpoint.ToString().TrimEnd('/');

    public string LocalPath(string name) => Path.Combine(WorkDirectory, name);

    /// <summary>The variables every AWS-style client reads: explicit credentials, region, and a config of its own.</summary>
    public Dictionary<string, string?> AwsEnvironment() => new(StringComparer.Ordinal)
    {
        ["AWS_ACCESS_KEY_ID"] = AccessKey,
        ["AWS_SECRET_ACCESS_KEY"] = SecretKey,
        ["AWS_DEFAULT_REGION"] = Region,
        ["AWS_REGION"] = Region,
        ["AWS_CONFIG_FILE"] = LocalPath(".aws-config"),
        ["AWS_SHARED_CREDENTIALS_FILE"] = LocalPath(".aws-credentials"),
        ["AWS_PAGER"] = "",
    };

    public static IToolClient Create(string name, ToolClientContext context) => name switch
    {
        "AWS SDK for .NET" => new DotNetSdkClient(context),
        "AWS CLI v2" => new AwsCliClient(context, AwsCliClient.V2),
        "AWS CLI v1" => new AwsCliClient(context, AwsCliClient.V1),
        "boto3" => new ScriptClient(context, ScriptClient.Python),
        "AWS SDK for JavaScript v3" => new ScriptClient(context, ScriptClient.JavaScript),
        "rclone" => new RcloneClient(context),
        "s3cmd" => new S3cmdClient(context),
        _ => throw new ArgumentException($"No client named '{name}'", nameof(name)),
    };
}
