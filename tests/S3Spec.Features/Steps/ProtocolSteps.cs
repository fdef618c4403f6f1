using System.Text;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Reqnroll;
using S3Spec.Features.Drivers;
using S3Spec.Testing;
using Xunit;

namespace S3Spec.Features.Steps;

/// <summary>Presigned URLs, aws-chunked bodies, checksums and conditional writes.</summary>
[Binding]
public sealed class ProtocolSteps(S3World world)
{
    private byte[] sent = [];

    [When("I put {string} with the content {string} through a presigned URL made by the SDK")]
    public async Task PresignedPut(string key, string content) =>
        world.Outcome = (await world.Raw.SendToUrlAsync(HttpMethod.Put, Presign(key, HttpVerb.PUT), Encoding.UTF8.GetBytes(content))).ToOutcome();

    [When("I get {string} through a presigned URL made by the SDK")]
    public async Task PresignedGet(string key)
    {
        var response = await world.Raw.SendToUrlAsync(HttpMethod.Get, Presign(key, HttpVerb.GET));
        world.Outcome = response.ToOutcome();
        world.LastBody = response.Body;
    }

    [When("the presigned URL puts {string} with the content {string}")]
    public async Task PresignedClientPut(string key, string content)
    {
        await PresignedPut(key, content);
        Assert.True(world.LastOutcome.Succeeded, $"Presigned PUT {key}: {world.LastOutcome}");
    }

    [Then("the presigned URL reads {string} as {string}")]
    public async Task PresignedClientRead(string key, string expected)
    {
        await PresignedGet(key);
        Assert.True(world.LastOutcome.Succeeded, $"Presigned GET {key}: {world.LastOutcome}");
        Assert.Equal(expected, world.LastBodyText);
    }

    [When("the SDK puts {string} with {int} random bytes and its default settings")]
    public Task SdkPutDefault(string key, int size) => SdkPut(world.DefaultSdk, key, size, _ => { });

    [When("the SDK puts {string} with {int} random bytes and the checksum algorithm {word}")]
    public Task SdkPutChecksum(string key, int size, string algorithm) => SdkPut(world.Sdk, key, size, r => r.ChecksumAlgorithm = ChecksumAlgorithm.FindValue(algorithm));

    [Then("the object {string} has exactly those bytes")]
    public async Task HasThoseBytes(string key)
    {
        Assert.True((await world.Objects.GetAsync(key)).Succeeded, $"GET {key}: {world.Outcome}");
        Assert.Equal(sent, world.LastBody);
    }

    [When("I get {string} with checksum mode enabled")]
    public Task GetChecksumMode(string key) => world.Objects.GetAsync(key, r => r.ChecksumMode = ChecksumMode.ENABLED);

    [When("I head {string} with checksum mode enabled")]
    public async Task HeadChecksumMode(string key) =>
        world.Outcome = await SdkDriver.CallAsync(() => world.Sdk.Client.GetObjectMetadataAsync(
            new GetObjectMetadataRequest { BucketName = world.Volume, Key = world.Key(key), ChecksumMode = ChecksumMode.ENABLED }));

    [Then("the answer carries the {word} checksum of those bytes")]
    public void CarriesChecksum(string algorithm) => Assert.Equal(Checksums.Of(algorithm, sent), ChecksumOf(world, algorithm));

    [When("I put {string} with the content {string} as an unsigned aws-chunked body with a correct CRC32 trailer")]
    public Task TrailerPut(string key, string content) =>
        UnsignedTrailerPut(key, content, "CRC32", Checksums.Of("CRC32", Encoding.UTF8.GetBytes(content)));

    [When("I put {string} with the content {string} as an unsigned aws-chunked body with a wrong {word} trailer")]
    public Task WrongTrailerPut(string key, string content, string algorithm) =>
        UnsignedTrailerPut(key, content, algorithm, Checksums.Of(algorithm, Encoding.UTF8.GetBytes("something else")));

    [When("I put {string} with the content {string} and a wrong {word} checksum header")]
    public async Task WrongHeaderPut(string key, string content, string algorithm)
    {
        var headers = new Dictionary<string, string> { [Checksums.HeaderName(algorithm)] = Checksums.Of(algorithm, Encoding.UTF8.GetBytes("something else")) };
        world.Outcome = (await world.Raw.SendAsync(HttpMethod.Put, world.EncodedPath(key), body: Encoding.UTF8.GetBytes(content), headers: headers)).ToOutcome();
    }

    [When("I put {string} with the content {string} if none matches {string}")]
    public Task PutIfNoneMatch(string key, string content, string etag) => ConditionalPut(key, content, r => r.IfNoneMatch = etag);

    [When("I put {string} with the content {string} if its ETag matches {string}")]
    public Task PutIfMatch(string key, string content, string etag) => ConditionalPut(key, content, r => r.IfMatch = etag);

    [When("I put {string} with the content {string} if its ETag matches the current one")]
    public Task PutIfMatchCurrent(string key, string content) => PutIfMatch(key, content, world.Remembered["etag:" + key]);

    [When("the SDK with virtual-hosted addressing puts {string} with the content {string}")]
    public async Task VirtualHostedPut(string key, string content)
    {
        using var sdk = VirtualHostedSdk();
        world.Outcome = await SdkDriver.CallAsync(() => sdk.Client.PutObjectAsync(new PutObjectRequest { BucketName = world.Volume, Key = world.Key(key), ContentBody = content }));
    }

    [When("the SDK with virtual-hosted addressing lists the volume")]
    public async Task VirtualHostedList()
    {
        using var sdk = VirtualHostedSdk();
        world.Outcome = await SdkDriver.CallAsync(() => sdk.Client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = world.Volume, Prefix = world.Prefix }));
    }

    [Then("the virtual-hosted listing shows {string}")]
    public void VirtualHostedListing(string key) =>
        Assert.Equal([key], (world.LastOutcome.As<ListObjectsV2Response>().S3Objects ?? []).Select(o => world.Unkey(o.Key)).ToList());

    /// <summary>The checksum of the given algorithm in the last GetObject/HeadObject answer.</summary>
    internal static string? ChecksumOf(S3World world, string algorithm) => world.LastOutcome.Response switch
    {
        GetObjectResponse r => MultipartSteps.Pick(algorithm, r.ChecksumCRC32, r.ChecksumCRC32C, r.ChecksumCRC64NVME, r.ChecksumSHA1, r.ChecksumSHA256),
        GetObjectMetadataResponse r => MultipartSteps.Pick(algorithm, r.ChecksumCRC32, r.ChecksumCRC32C, r.ChecksumCRC64NVME, r.ChecksumSHA1, r.ChecksumSHA256),
        _ => throw new InvalidOperationException($"The last request was no successful GetObject/HeadObject: {world.LastOutcome}"),
    };

    private SdkDriver VirtualHostedSdk() =>
        new(new Uri($"http://localhost:{world.Endpoint.Port}"), world.Target.AccessKey, world.Target.SecretKey, world.Target.Region,
            new SdkOptions { ForcePathStyle = false, ConnectToLoopback = true });

    private string Presign(string key, HttpVerb verb) =>
        world.Sdk.Client.GetPreSignedURL(new GetPreSignedUrlRequest
        {
            BucketName = world.Volume,
            Key = world.Key(key),
            Verb = verb,
            Expires = DateTime.UtcNow.AddMinutes(10),
            Protocol = world.Endpoint.Scheme == Uri.UriSchemeHttps ? Protocol.HTTPS : Protocol.HTTP,
        });

    private async Task SdkPut(SdkDriver sdk, string key, int size, Action<PutObjectRequest> configure)
    {
        sent = new byte[size];
        new Random(size).NextBytes(sent);
        var request = new PutObjectRequest { BucketName = world.Volume, Key = world.Key(key), InputStream = new MemoryStream(sent) };
        configure(request);
        world.Outcome = await SdkDriver.CallAsync(() => sdk.Client.PutObjectAsync(request));
    }

    private async Task UnsignedTrailerPut(string key, string content, string algorithm, string trailerValue)
    {
        var data = Encoding.UTF8.GetBytes(content);
        var trailer = Checksums.HeaderName(algorithm);
        var headers = new Dictionary<string, string>
        {
            ["Content-Encoding"] = "aws-chunked",
            ["x-amz-decoded-content-length"] = data.Length.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["x-amz-trailer"] = trailer,
        };
        var response = await world.Raw.SendAsync(HttpMethod.Put, world.EncodedPath(key), body: ChunkedBodyBuilder.UnsignedWithTrailer(data, trailer, trailerValue),
            headers: headers, contentSha256: TestSigner.StreamingUnsignedTrailer);
        world.Outcome = response.ToOutcome();
    }

    private async Task ConditionalPut(string key, string content, Action<PutObjectRequest> condition)
    {
        var request = new PutObjectRequest { BucketName = world.Volume, Key = world.Key(key), ContentBody = content };
        condition(request);
        world.Outcome = await SdkDriver.CallAsync(() => world.Sdk.Client.PutObjectAsync(request));
    }
}
