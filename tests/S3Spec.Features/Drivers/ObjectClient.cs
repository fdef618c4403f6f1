using System.Security.Cryptography;
using System.Text;
using Amazon.S3;
using Amazon.S3.Model;

namespace S3Spec.Features.Drivers;

/// <summary>The object operations the steps use, over the SDK, recording each outcome in the scenario's world.</summary>
public sealed class ObjectClient(S3World world)
{
    private IAmazonS3 S3 => world.Sdk.Client;

    public async Task<S3Outcome> PutAsync(string key, string content, IEnumerable<KeyValuePair<string, string>>? headers = null, string? md5Of = null, string? volume = null, string? prefix = null)
    {
        var request = new PutObjectRequest { BucketName = volume ?? world.Volume, Key = (prefix ?? world.Prefix) + key, ContentBody = content };
        foreach (var (name, value) in headers ?? [])
        {
            if (name.StartsWith("x-amz-meta-", StringComparison.OrdinalIgnoreCase))
            {
                request.Metadata.Add(name, value);
            }
            else
            {
                request.Headers[name] = value;
            }
        }

        if (md5Of is not null)
        {
            request.MD5Digest = Convert.ToBase64String(MD5.HashData(Encoding.UTF8.GetBytes(md5Of)));
        }

        return Record(await SdkDriver.CallAsync(() => S3.PutObjectAsync(request)));
    }

    public async Task<S3Outcome> PutBytesAsync(string key, byte[] content)
    {
        var request = new PutObjectRequest { BucketName = world.Volume, Key = world.Key(key), InputStream = new MemoryStream(content) };
        return Record(await SdkDriver.CallAsync(() => S3.PutObjectAsync(request)));
    }

    public async Task<S3Outcome> GetAsync(string key, Action<GetObjectRequest>? configure = null, string? volume = null, string? prefix = null)
    {
        var request = new GetObjectRequest { BucketName = volume ?? world.Volume, Key = (prefix ?? world.Prefix) + key };
        configure?.Invoke(request);
        world.LastBody = null;
        var outcome = await SdkDriver.CallAsync(async () =>
        {
            var response = await S3.GetObjectAsync(request);
            using var buffer = new MemoryStream();
            await response.ResponseStream.CopyToAsync(buffer);
            world.LastBody = buffer.ToArray();
            response.Dispose();
            return response;
        });
        world.LastObject = outcome.Response is GetObjectResponse r ? ObjectView.From(r) : null;
        return Record(outcome);
    }

    public async Task<S3Outcome> HeadAsync(string key)
    {
        var outcome = await SdkDriver.CallAsync(() => S3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = world.Volume, Key = world.Key(key) }));
        world.LastObject = outcome.Response is GetObjectMetadataResponse r ? ObjectView.From(r) : null;
        return Record(outcome);
    }

    public async Task<string> ReadTextAsync(string key, string? volume = null, string? prefix = null)
    {
        var outcome = await GetAsync(key, null, volume, prefix);
        return outcome.Succeeded ? world.LastBodyText : throw new InvalidOperationException($"GET {key}: {outcome}");
    }

    private S3Outcome Record(S3Outcome outcome)
    {
        world.Outcome = outcome;
        return outcome;
    }
}
