using System.Security.Cryptography;
using S3Spec.Storage.Contract;

namespace S3Spec.Storage.Tests.Metadata;

public class SidecarTests
{
    [Fact]
    public async Task Sidecar_mode_keeps_etag_and_metadata_and_checks_identity()
    {
        using var v = new TestVolume("sidecar");
        var put = await v.PutAsync("a/b.txt", "hello", new ObjectMetadata { ContentType = "text/plain" });
        Assert.Equal("\"" + Convert.ToHexStringLower(MD5.HashData("hello"u8)) + "\"", put.ETag);
        Assert.True(File.Exists(Path.Combine(v.VolumePath, ".s3compat_uploads", ".meta", "a", "b.txt.meta")));
        var head = await v.Store.HeadObjectAsync(TestVolume.Name, "a/b.txt", default);
        Assert.Equal(put.ETag, head.ETag);
        Assert.Equal("text/plain", head.Metadata.ContentType);
        var page = await v.Store.ListObjectsAsync(TestVolume.Name, new ListObjectsRequest(), default);
        Assert.Equal(put.ETag, page.Objects.Single().ETag);

        File.WriteAllText(v.PathOf("a/b.txt"), "HELLO");
        Assert.Contains('-', (await v.Store.HeadObjectAsync(TestVolume.Name, "a/b.txt", default)).ETag);

        await v.PutAsync("a/b.txt", "again");
        await v.Store.DeleteObjectAsync(TestVolume.Name, "a/b.txt", default);
        Assert.False(Directory.Exists(v.PathOf("a"))); // implicit marker kept in the sidecar folder
        Assert.False(File.Exists(Path.Combine(v.VolumePath, ".s3compat_uploads", ".meta", "a", "b.txt.meta")));
    }

    [Fact]
    public async Task Xattr_mode_stores_the_record_in_a_user_xattr()
    {
        using var v = new TestVolume("xattr");
        await v.PutAsync("x", "hello");
        Assert.False(Directory.Exists(Path.Combine(v.VolumePath, ".s3compat_uploads", ".meta")));
        Assert.DoesNotContain('-', (await v.Store.HeadObjectAsync(TestVolume.Name, "x", default)).ETag);
    }

    [Fact]
    public async Task Xattr_refusal_falls_back_to_the_sidecar_and_is_not_a_full_disk()
    {
        using var v = new TestVolume("xattr");
        var big = new ObjectMetadata { ContentDisposition = new string('d', 6000) }; // larger than an ext4 xattr block
        var put = await v.PutAsync("big-meta", "hello", big);
        var head = await v.Store.HeadObjectAsync(TestVolume.Name, "big-meta", default);
        Assert.Equal(put.ETag, head.ETag);
        Assert.Equal(6000, head.Metadata.ContentDisposition!.Length);
        Assert.True(File.Exists(Path.Combine(v.VolumePath, ".s3compat_uploads", ".meta", "big-meta.meta")));
    }
}
