using Amazon.S3;
using Amazon.S3.Model;
using Amazon.S3.Transfer;

namespace S3Spec.Features.Drivers;

/// <summary>The AWS SDK for .NET as an <see cref="IToolClient"/>: PutObject, or TransferUtility for uploads in parts.</summary>
internal sealed class DotNetSdkClient(ToolClientContext context) : IToolClient
{
    public Task<ToolResult> UploadAsync(string localFile, string volume, string key, int? partMegabytes = null) =>
        RunAsync($"upload {localFile} {key}", async client =>
        {
            if (partMegabytes is { } mb)
            {
                using var transfer = new TransferUtility(client, new TransferUtilityConfig { MinSizeBeforePartUpload = mb * 1024L * 1024 });
                await transfer.UploadAsync(new TransferUtilityUploadRequest
                {
                    BucketName = volume,
                    Key = key,
                    FilePath = context.LocalPath(localFile),
                    PartSize = mb * 1024L * 1024,
                });
            }
            else
            {
                await client.PutObjectAsync(new PutObjectRequest { BucketName = volume, Key = key, FilePath = context.LocalPath(localFile) });
            }

            return "";
        });

    public Task<ToolResult> DownloadAsync(string volume, string key, string localFile) =>
        RunAsync($"download {key} {localFile}", async client =>
        {
            using var response = await client.GetObjectAsync(volume, key);
            await using (var file = File.Create(context.LocalPath(localFile)))
            {
                await response.ResponseStream.CopyToAsync(file);
            }

            return "";
        });

    public Task<ToolResult> ListAsync(string volume, string prefix) =>
        RunAsync($"list {prefix}", async client =>
        {
            var response = await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = volume, Prefix = prefix });
            return string.Join('\n', (response.S3Objects ?? []).Select(o => o.Key));
        });

    public Task<ToolResult> DeleteAsync(string volume, string key) =>
        RunAsync($"delete {key}", async client =>
        {
            await client.DeleteObjectAsync(volume, key);
            return "";
        });

    private async Task<ToolResult> RunAsync(string what, Func<AmazonS3Client, Task<string>> call)
    {
        using var sdk = new SdkDriver(context.Endpoint, context.AccessKey, context.SecretKey, context.Region, new SdkOptions { Certificate = context.Certificate });
        try
        {
            return new ToolResult("AWS SDK for .NET", 0, await call(sdk.Client), "", what);
        }
        catch (AmazonS3Exception ex)
        {
            return new ToolResult("AWS SDK for .NET", 1, "", $"HTTP {(int)ex.StatusCode} {ex.ErrorCode}: {ex.Message}", what);
        }
    }
}
