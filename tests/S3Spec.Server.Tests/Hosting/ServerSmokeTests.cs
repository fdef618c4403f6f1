using System.Net;
using System.Text;
using System.Xml;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using S3Spec.Server.Hosting;

namespace S3Spec.Server.Tests.Hosting;

/// <summary>The whole server in process on an ephemeral 127.0.0.1 port, driven over HTTP and with the AWS SDK.</summary>
public sealed class ServerSmokeTests : IAsyncLifetime
{
    private const string Bucket = "bucket1";
    private readonly TempDirectory _root = new();
    private WebApplication? _app;
    private Uri _baseAddress = null!;

    static ServerSmokeTests()
    {
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
    }

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_root.Combine(Bucket));
        // MVC discovers controllers from the application name, which defaults to the entry assembly: the test host
        // here (see S3SpecHostTests.BuildRegistersTheServerControllersWhateverTheEntryAssembly).
        _app = S3SpecHost.Build(
        [
            "--urls", "http://127.0.0.1:0", "--data-root", _root.Path, "--access-key", "AK", "--secret-key", "SK",
            "--applicationName", "S3Spec.Server",
        ]);
        await _app.StartAsync();
        var addresses = _app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        _baseAddress = new Uri(addresses.Single());
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        _root.Dispose();
    }

    private AmazonS3Client Client() => new(
        new BasicAWSCredentials("AK", "SK"),
        new AmazonS3Config
        {
            ServiceURL = _baseAddress.ToString(),
            ForcePathStyle = true,
            AuthenticationRegion = "us-east-1",
            MaxErrorRetry = 0,
        });

    [Fact]
    public async Task UnsignedRequestIsAccessDeniedXmlWithARequestId()
    {
        using var http = new HttpClient { BaseAddress = _baseAddress };
        using var response = await http.GetAsync("/");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.True(response.Headers.TryGetValues("x-amz-request-id", out var ids));
        var requestId = Assert.Single(ids);
        Assert.False(string.IsNullOrEmpty(requestId));

        var doc = new XmlDocument();
        doc.LoadXml(await response.Content.ReadAsStringAsync());
        Assert.Equal("Error", doc.DocumentElement!.LocalName);
        Assert.Equal("AccessDenied", doc.DocumentElement["Code"]!.InnerText);
        Assert.Equal(requestId, doc.DocumentElement["RequestId"]!.InnerText);
    }

    [Fact]
    public async Task HeadWithBadAuthIsForbiddenWithAnEmptyBody()
    {
        using var http = new HttpClient { BaseAddress = _baseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Head, $"/{Bucket}/k");
        var now = TimeProvider.System.GetUtcNow();
        request.Headers.TryAddWithoutValidation("x-amz-date", now.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation("x-amz-content-sha256", "UNSIGNED-PAYLOAD");
        request.Headers.TryAddWithoutValidation(
            "Authorization",
            $"AWS4-HMAC-SHA256 Credential=AK/{now:yyyyMMdd}/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature={new string('0', 64)}");
        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.True(response.Headers.Contains("x-amz-request-id"));
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task WrongSecretIsForbidden()
    {
        using var s3 = new AmazonS3Client(
            new BasicAWSCredentials("AK", "WRONG"),
            new AmazonS3Config { ServiceURL = _baseAddress.ToString(), ForcePathStyle = true, AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 });
        var e = await Assert.ThrowsAsync<AmazonS3Exception>(() => s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = Bucket }));
        Assert.Equal(HttpStatusCode.Forbidden, e.StatusCode);
        Assert.Equal("SignatureDoesNotMatch", e.ErrorCode);
        Assert.False(string.IsNullOrEmpty(e.RequestId));
    }

    [Fact]
    public async Task UnservedSubResourceIsNotImplemented()
    {
        using var s3 = Client();
        var e = await Assert.ThrowsAsync<AmazonS3Exception>(() => s3.GetBucketPolicyAsync(new GetBucketPolicyRequest { BucketName = Bucket }));
        Assert.Equal(HttpStatusCode.NotImplemented, e.StatusCode);
        Assert.Equal("NotImplemented", e.ErrorCode);

        await s3.PutObjectAsync(new PutObjectRequest { BucketName = Bucket, Key = "tag-target", ContentBody = "x" });
        e = await Assert.ThrowsAsync<AmazonS3Exception>(() => s3.PutObjectTaggingAsync(new PutObjectTaggingRequest
        {
            BucketName = Bucket,
            Key = "tag-target",
            Tagging = new Tagging { TagSet = [new Tag { Key = "a", Value = "b" }] },
        }));
        Assert.Equal(HttpStatusCode.NotImplemented, e.StatusCode);
        Assert.Equal("NotImplemented", e.ErrorCode);
    }

    [Fact]
    public async Task AclsReadAsTheFixedPrivatePolicy()
    {
        using var s3 = Client();
        var acl = await s3.GetBucketAclAsync(new GetBucketAclRequest { BucketName = Bucket });
        var grant = Assert.Single(acl.Grants);
        Assert.Equal(S3Permission.FULL_CONTROL, grant.Permission);
        Assert.Equal("AK", grant.Grantee.CanonicalUser);
        Assert.Equal("AK", acl.Owner.Id);
    }

    [Fact]
    public async Task PutThenGetRoundTrips()
    {
        using var s3 = Client();
        const string key = "dir/a b+é.txt";
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = Bucket, Key = key, ContentBody = "hello world", ContentType = "text/plain" });

        using var get = await s3.GetObjectAsync(Bucket, key);
        using var reader = new StreamReader(get.ResponseStream, Encoding.UTF8);
        Assert.Equal("hello world", await reader.ReadToEndAsync());
        Assert.Equal("text/plain", get.Headers.ContentType);
        Assert.Equal("hello world", await File.ReadAllTextAsync(_root.Combine(Bucket, "dir", "a b+é.txt")));
    }

    [Fact]
    public async Task ListObjectsV2PagesNeverRepeatAToken()
    {
        using var s3 = Client();
        var keys = new[] { "page/k1", "page/k2", "page/k3", "page/k4", "page/k5" };
        foreach (var key in keys)
        {
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = Bucket, Key = key, ContentBody = key });
        }

        var seen = new List<string>();
        var tokens = new HashSet<string>(StringComparer.Ordinal);
        string? token = null;
        var pages = 0;
        do
        {
            var page = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = Bucket, Prefix = "page/", MaxKeys = 2, ContinuationToken = token });
            pages++;
            Assert.True(pages <= 3, "more pages than keys / 2");
            var objects = page.S3Objects ?? [];
            Assert.True(objects.Count <= 2);
            seen.AddRange(objects.Select(o => o.Key));
            token = page.IsTruncated == true ? page.NextContinuationToken : null;
            if (token is not null)
            {
                Assert.True(tokens.Add(token), $"token {token} repeated");
            }
        }
        while (token is not null);

        Assert.Equal(3, pages);
        Assert.Equal(keys, seen);
    }

    [Fact]
    public async Task PrefixThatXmlCannotCarryIsAClientError()
    {
        using var s3 = Client();
        var e = await Assert.ThrowsAsync<AmazonS3Exception>(() => s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = Bucket, Prefix = "a\u0001" }));
        Assert.Equal(HttpStatusCode.BadRequest, e.StatusCode);
    }
}
