using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using S3Spec.TestHost;
using Xunit;

namespace S3Spec.TestHost.Sample;

/// <summary>One S3Spec per test class, started before the first test and removed after the last.</summary>
public sealed class S3SpecFixture : IAsyncLifetime
{
    public S3SpecTestHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var options = new S3SpecTestHostOptions { Region = "eu-ro-1" };
        options.Volumes.Add("photos");
        options.Keys.Add(new S3SpecTestKey("reader", "reader-secret-0123456789", ["photos"], ReadOnly: true));
        Host = await S3SpecTestHost.StartAsync(options);
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

public sealed class PhotoStoreTests(S3SpecFixture fixture) : IClassFixture<S3SpecFixture>
{
    [Fact]
    public async Task AnUploadedPhotoIsAFileAndReadsBack()
    {
        using var s3 = fixture.Host.CreateClient();

        await s3.PutObjectAsync(new PutObjectRequest { BucketName = "photos", Key = "2026/cat.jpg", ContentBody = "meow" });

        Assert.Equal("meow", File.ReadAllText(Path.Combine(fixture.Host.VolumePath("photos"), "2026", "cat.jpg")));
        using var get = await s3.GetObjectAsync("photos", "2026/cat.jpg");
        using var reader = new StreamReader(get.ResponseStream);
        Assert.Equal("meow", await reader.ReadToEndAsync());
    }

    [Fact]
    public async Task AReadOnlyKeyCannotWrite()
    {
        using var s3 = fixture.Host.CreateClient("reader", "reader-secret-0123456789");

        var e = await Assert.ThrowsAsync<AmazonS3Exception>(() => s3.PutObjectAsync(new PutObjectRequest { BucketName = "photos", Key = "x", ContentBody = "x" }));

        Assert.Equal(HttpStatusCode.Forbidden, e.StatusCode);
        Assert.Equal("AccessDenied", e.ErrorCode);
    }
}

/// <summary>A host per test, with the runpod profile; the data root is gone after dispose.</summary>
public sealed class ProfileTests
{
    [Fact]
    public async Task TheRunpodProfileRefusesDeleteObjectsAndTheDataRootIsRemoved()
    {
        var options = new S3SpecTestHostOptions { Profile = "runpod" };
        string root;
        await using (var host = await S3SpecTestHost.StartAsync(options))
        {
            root = host.DataRoot;
            using var s3 = host.CreateClient();
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = "default", Key = "a", ContentBody = "a" });
            var e = await Assert.ThrowsAsync<AmazonS3Exception>(() => s3.DeleteObjectsAsync(new DeleteObjectsRequest { BucketName = "default", Objects = [new KeyVersion { Key = "a" }] }));
            Assert.Equal(HttpStatusCode.NotImplemented, e.StatusCode);
        }

        Assert.False(Directory.Exists(root));
    }
}
