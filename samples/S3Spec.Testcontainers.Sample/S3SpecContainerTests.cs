using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using S3Spec.Testcontainers;
using Xunit;

namespace S3Spec.Testcontainers.Sample;

/// <summary>
/// The S3Spec image through the Testcontainers module. The image is S3SPEC_TEST_IMAGE or the module's default
/// (localhost/s3spec:dev); S3SPEC_TEST_HOST_NETWORK=true selects host networking (rootful podman here).
/// </summary>
public sealed class S3SpecContainerTests : IAsyncLifetime
{
    private readonly S3SpecContainer container;

    public S3SpecContainerTests()
    {
        var image = Environment.GetEnvironmentVariable("S3SPEC_TEST_IMAGE") is { Length: > 0 } i ? i : S3SpecBuilder.DefaultImage;
        var builder = new S3SpecBuilder(image)
            .WithRegion("eu-ro-1")
            .WithVolumes("photos", "models")
            .WithSetting("MaxPutSize", "1048576")
            .WithImagePullPolicy(DotNet.Testcontainers.Images.PullPolicy.Never);
        if (Environment.GetEnvironmentVariable("S3SPEC_TEST_HOST_NETWORK") == "true")
        {
            builder = builder.WithHostNetwork();
        }

        container = builder.Build();
    }

    public Task InitializeAsync() => container.StartAsync();

    public async Task DisposeAsync() => await container.DisposeAsync();

    [Fact]
    public async Task TheVolumesExistAndObjectsRoundTrip()
    {
        using var s3 = container.CreateClient();

        var buckets = (await s3.ListBucketsAsync()).Buckets.Select(b => b.BucketName).ToList();
        Assert.Contains("default", buckets);
        Assert.Contains("photos", buckets);
        Assert.Contains("models", buckets);

        await s3.PutObjectAsync(new PutObjectRequest { BucketName = "photos", Key = "cat.jpg", ContentBody = "meow" });
        using var get = await s3.GetObjectAsync("photos", "cat.jpg");
        using var reader = new StreamReader(get.ResponseStream);
        Assert.Equal("meow", await reader.ReadToEndAsync());
        Assert.Equal("eu-ro-1", container.Region);
        Assert.Equal("meow", File.ReadAllText(Path.Combine(container.DataRoot, "photos", "cat.jpg")));
    }

    [Fact]
    public async Task SettingsReachTheServer()
    {
        using var s3 = container.CreateClient();

        var e = await Assert.ThrowsAsync<AmazonS3Exception>(() =>
            s3.PutObjectAsync(new PutObjectRequest { BucketName = "models", Key = "big.bin", InputStream = new MemoryStream(new byte[1048577]) }));

        Assert.Equal("EntityTooLarge", e.ErrorCode);
        Assert.Equal(HttpStatusCode.BadRequest, e.StatusCode);
    }
}
