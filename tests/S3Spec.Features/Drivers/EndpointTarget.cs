using System.Net;
using Amazon.S3;
using Amazon.S3.Model;

namespace S3Spec.Features.Drivers;

/// <summary>
/// An S3 endpoint someone else runs. Every run works under s3spec-run-&lt;guid&gt;/ in the given volume and removes
/// what it left there at the end. With S3SPEC_TEST_CREATE_VOLUME the run first creates the volume with CreateBucket
/// (a peer server that starts empty) and, when it did create it, deletes it at the end. No data root, no server control.
/// </summary>
internal sealed class EndpointTarget : IS3Target
{
    private readonly EndpointSettings settings;
    private readonly string runPrefix = $"s3spec-run-{Guid.NewGuid():N}/";
    private readonly bool createdVolume;
    private int spaces;

    private EndpointTarget(EndpointSettings settings, bool createdVolume)
    {
        this.settings = settings;
        this.createdVolume = createdVolume;
    }

    public Uri Endpoint => settings.Endpoint;

    public string AccessKey => settings.AccessKey;

    public string SecretKey => settings.SecretKey;

    public string Region => settings.Region;

    public string Volume => settings.Volume;

    public ClientSettings Client => settings.Client;

    public bool HasDataRoot => false;

    public string? DataRoot => null;

    public bool CanControlServer => false;

    public static async Task<IS3Target> StartAsync(EndpointSettings settings, CancellationToken cancellationToken)
    {
        var created = false;
        if (settings.CreateVolume)
        {
            using var sdk = Sdk(settings);
            try
            {
                await sdk.Client.PutBucketAsync(new PutBucketRequest { BucketName = settings.Volume }, cancellationToken);
                created = true;
            }
            catch (AmazonS3Exception e) when (e.ErrorCode == "BucketAlreadyOwnedByYou")
            {
                // Already there and ours: used as it is, and kept at the end.
            }
            catch (AmazonS3Exception e)
            {
                throw new InvalidOperationException($"S3SPEC_TEST_CREATE_VOLUME: CreateBucket {settings.Volume} at {settings.Endpoint} failed: HTTP {(int)e.StatusCode} {e.ErrorCode}: {e.Message}", e);
            }
        }

        return new EndpointTarget(settings, created);
    }

    public ScenarioSpace AllocateSpace(string hint) => new(Volume, $"{runPrefix}{Interlocked.Increment(ref spaces):D4}-{hint}/");

    public Task<IServerInstance> StartServerWithKeysAsync(IReadOnlyList<ServerKey> keys, CancellationToken cancellationToken) =>
        throw new NotSupportedException("An external endpoint cannot be restarted with a keys file.");

    public Task<IServerInstance> StartServerAsync(ServerSettings settings, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The suite cannot start servers next to an external endpoint; tag the scenario @needs-server-control.");

    public async ValueTask DisposeAsync()
    {
        using var sdk = Sdk(settings);
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

        if (createdVolume)
        {
            var deleted = await SdkDriver.CallAsync(() => sdk.Client.DeleteBucketAsync(Volume));
            if (!deleted.Succeeded && deleted.Status != HttpStatusCode.NotFound)
            {
                throw new InvalidOperationException($"The run created the volume {Volume} and could not delete it at the end: {deleted}");
            }
        }
    }

    private static SdkDriver Sdk(EndpointSettings settings) =>
        new(settings.Endpoint, settings.AccessKey, settings.SecretKey, settings.Region, new SdkOptions { Client = settings.Client });
}
