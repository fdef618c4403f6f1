using S3Spec.Testing;

namespace S3Spec.Features.Drivers;

/// <summary>
/// A client library driven by a small script of the suite (tests/S3Spec.Features/clients): boto3 (clients/python/s3client.py,
/// run by python3) and the AWS SDK for JavaScript v3 (clients/js/s3client.mjs, run by node after `npm ci` there).
/// Both take `OP ENDPOINT VOLUME ...` and use their library's defaults (checksums included), path-style addressing.
/// </summary>
internal sealed class ScriptClient(ToolClientContext context, ScriptClient.Runtime runtime) : IToolClient
{
    public static readonly Runtime Python = new(Environment.GetEnvironmentVariable("S3SPEC_PYTHON") is { Length: > 0 } python ? python : "python3", Path.Combine("python", "s3client.py"));

    public static readonly Runtime JavaScript = new("node", Path.Combine("js", "s3client.mjs"));

    public Task<ToolResult> UploadAsync(string localFile, string volume, string key, int? partMegabytes = null) =>
        RunAsync("put", volume, key, context.LocalPath(localFile), (partMegabytes ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture));

    public Task<ToolResult> DownloadAsync(string volume, string key, string localFile) => RunAsync("get", volume, key, context.LocalPath(localFile));

    public Task<ToolResult> ListAsync(string volume, string prefix) => RunAsync("list", volume, prefix);

    public Task<ToolResult> DeleteAsync(string volume, string key) => RunAsync("delete", volume, key);

    /// <summary>Runs one operation of the script: <c>OP VOLUME ARGS...</c> (the endpoint is inserted).</summary>
    public Task<ToolResult> RunAsync(params string[] arguments)
    {
        var script = Path.Combine(RepoPaths.Root(), "tests", "S3Spec.Features", "clients", runtime.Script);
        var environment = context.AwsEnvironment();
        if (context.Certificate is not null)
        {
            environment["AWS_CA_BUNDLE"] = context.Certificate.CertificatePath;
            environment["NODE_EXTRA_CA_CERTS"] = context.Certificate.CertificatePath;
        }

        return ToolRunner.RunAsync(runtime.Executable, [script, arguments[0], context.EndpointText, .. arguments[1..]], context.WorkDirectory, environment);
    }

    public sealed record Runtime(string Executable, string Script);
}
