using Amazon.S3.Model;

namespace S3Spec.Features.Drivers;

/// <summary>
/// An S3 endpoint someone else runs. Every run works under s3spec-run-&lt;guid&gt;/ in the given volume and removes
/// what it left there at the end. No data root, no server control.
/// </summary>
internal sealed class EndpointTarget(EndpointSettings settings) : IS3Target
{
    private readonly string runPrefix = $"s3spec-run-{Guid.NewGuid():N}/";
    private int spaces;

    public Uri Endpoint => settings.Endpoint;

    public string AccessKey => settings.AccessKey;

    public string SecretKey => settings.SecretKey;

    public string Region => settings.Region;

    public string Volume => settings.Volume;

    public bool HasDataRoot => false;

    public string? DataRoot => null;

    public bool CanControlServer => false;

    public ScenarioSpace AllocateSpace(string hint) => new(Volume, $"{runPrefix}{Interlocked.Increment(ref spaces):D4}-{hint}/");

    public Task<IServerInstance> StartServerWithKeysAsync(IReadOnlyList<ServerKey> keys, CancellationToken cancellationToken) =>
        throw new NotSupportedException("An external endpoint cannot be restarted with a keys file.");

    public Task<IServerInstance> StartServerAsync(ServerSettings settings, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The suite cannot start servers next to an external endpoint; tag the scenario @needs-server-control.");

    public async ValueTask DisposeAsync()
    {
        using var sdk = new SdkDriver(Endpoint, AccessKey, SecretKey, Region);
        var uploads = await sdk.Client.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = Volume, Prefix = runPrefix });
        foreach (var upload in uploads.MultipartUploads ?? [])
        {
            await sdk.Client.AbortMultipartUploadAsync(Volume, upload.Key, upload.UploadId);
        }

        var request = new ListObjectsV2Request { BucketName = Volume, Prefix = runPrefix };
        ListObjectsV2Response page;
        do
        {
            page = await sdk.Client.ListObjectsV2Async(request);
            foreach (var item in page.S3Objects ?? [])
            {
                await sdk.Client.DeleteObjectAsync(Volume, item.Key);
            }

            request.ContinuationToken = page.NextContinuationToken;
        }
        while (page.IsTruncated == true);
    }
}
