using System.Security.Cryptography;
using System.Text;
using S3Spec.Core.Errors;
using S3Spec.Storage.Contract;

namespace S3Spec.Storage.Tests.Multipart;

public class MultipartTests
{
    private static Task<PartInfo> Upload(TestVolume v, string key, string id, int n, string body) =>
        v.Store.UploadPartAsync(TestVolume.Name, key, id, n, new MemoryStream(Encoding.UTF8.GetBytes(body)), PutObjectOptions.Default, default);

    [Fact]
    public async Task Happy_path_assembles_parts_with_a_multipart_etag()
    {
        using var v = new TestVolume();
        var up = await v.Store.CreateMultipartUploadAsync(TestVolume.Name, "big/file.bin", new ObjectMetadata { ContentType = "app/x" }, "owner1", null, default);
        Assert.Matches("^[0-9a-f]{32}$", up.UploadId);
        var p1 = await Upload(v, "big/file.bin", up.UploadId, 1, "hello ");
        var p2 = await Upload(v, "big/file.bin", up.UploadId, 2, "world");
        Assert.Equal("\"" + Convert.ToHexStringLower(MD5.HashData("hello "u8)) + "\"", p1.ETag);

        var parts = await v.Store.ListPartsAsync(TestVolume.Name, "big/file.bin", up.UploadId, 0, 1, default);
        Assert.Equal([1], parts.Parts.Select(p => p.PartNumber));
        Assert.True(parts.IsTruncated);
        parts = await v.Store.ListPartsAsync(TestVolume.Name, "big/file.bin", up.UploadId, parts.NextPartNumberMarker, 10, default);
        Assert.Equal([2], parts.Parts.Select(p => p.PartNumber));

        var listed = await v.Store.ListObjectsAsync(TestVolume.Name, new ListObjectsRequest(), default);
        Assert.Empty(listed.Objects);

        var done = await v.Store.CompleteMultipartUploadAsync(TestVolume.Name, "big/file.bin", up.UploadId,
            [new CompletedPart(1, p1.ETag), new CompletedPart(2, p2.ETag.Trim('"'))], CompleteOptions.None, default);
        var md5s = MD5.HashData("hello "u8).Concat(MD5.HashData("world"u8)).ToArray();
        Assert.Equal("\"" + Convert.ToHexStringLower(MD5.HashData(md5s)) + "-2\"", done.ETag);
        Assert.Equal("hello world", await v.ReadAsync("big/file.bin"));
        var head = await v.Store.HeadObjectAsync(TestVolume.Name, "big/file.bin", default);
        Assert.Equal(done.ETag, head.ETag);
        Assert.Equal("app/x", head.Metadata.ContentType);
        Assert.False(Directory.Exists(Path.Combine(v.VolumePath, ".s3compat_uploads", up.UploadId)));

        // A retried Complete answers the same result.
        var again = await v.Store.CompleteMultipartUploadAsync(TestVolume.Name, "big/file.bin", up.UploadId, [new CompletedPart(1, p1.ETag)], CompleteOptions.None, default);
        Assert.Equal(done.ETag, again.ETag);
        Assert.Same(S3Errors.NoSuchUpload, await TestVolume.ErrorOf(() => Upload(v, "big/file.bin", up.UploadId, 3, "x")));
    }

    [Fact]
    public async Task Invalid_part_and_order_are_refused_and_the_upload_survives()
    {
        using var v = new TestVolume();
        var up = await v.Store.CreateMultipartUploadAsync(TestVolume.Name, "k", ObjectMetadata.Empty, "o", null, default);
        var p1 = await Upload(v, "k", up.UploadId, 1, "a");
        var p2 = await Upload(v, "k", up.UploadId, 2, "b");
        Assert.Same(S3Errors.InvalidPartOrder, await TestVolume.ErrorOf(() => v.Store.CompleteMultipartUploadAsync(TestVolume.Name, "k", up.UploadId,
            [new CompletedPart(2, p2.ETag), new CompletedPart(1, p1.ETag)], CompleteOptions.None, default)));
        Assert.Same(S3Errors.InvalidPart, await TestVolume.ErrorOf(() => v.Store.CompleteMultipartUploadAsync(TestVolume.Name, "k", up.UploadId,
            [new CompletedPart(1, p1.ETag), new CompletedPart(2, p1.ETag)], CompleteOptions.None, default)));
        Assert.Same(S3Errors.InvalidPart, await TestVolume.ErrorOf(() => v.Store.CompleteMultipartUploadAsync(TestVolume.Name, "k", up.UploadId,
            [new CompletedPart(1, p1.ETag), new CompletedPart(3, p2.ETag)], CompleteOptions.None, default)));
        Assert.False(File.Exists(v.PathOf("k")));
        var done = await v.Store.CompleteMultipartUploadAsync(TestVolume.Name, "k", up.UploadId, [new CompletedPart(1, p1.ETag), new CompletedPart(2, p2.ETag)], CompleteOptions.None, default);
        Assert.EndsWith("-2\"", done.ETag);
        Assert.Equal("ab", await v.ReadAsync("k"));
    }

    [Fact]
    public async Task Abort_deletes_staging_and_wrong_key_or_id_is_no_such_upload()
    {
        using var v = new TestVolume();
        var up = await v.Store.CreateMultipartUploadAsync(TestVolume.Name, "k", ObjectMetadata.Empty, "o", null, default);
        await Upload(v, "k", up.UploadId, 1, "a");
        Assert.Same(S3Errors.NoSuchUpload, await TestVolume.ErrorOf(() => Upload(v, "other", up.UploadId, 1, "a")));
        Assert.Same(S3Errors.NoSuchUpload, await TestVolume.ErrorOf(() => Upload(v, "k", "../../etc", 1, "a")));
        Assert.Same(S3Errors.InvalidArgument, await TestVolume.ErrorOf(() => Upload(v, "k", up.UploadId, 0, "a")));
        Assert.Same(S3Errors.InvalidArgument, await TestVolume.ErrorOf(() => Upload(v, "k", up.UploadId, 10_001, "a")));
        Assert.Equal("o", (await v.Store.GetMultipartUploadAsync(TestVolume.Name, "k", up.UploadId, default)).Owner);

        await v.Store.AbortMultipartUploadAsync(TestVolume.Name, "k", up.UploadId, default);
        Assert.False(Directory.Exists(Path.Combine(v.VolumePath, ".s3compat_uploads", up.UploadId)));
        Assert.Same(S3Errors.NoSuchUpload, await TestVolume.ErrorOf(() => v.Store.AbortMultipartUploadAsync(TestVolume.Name, "k", up.UploadId, default)));
        Assert.Empty(v.TempFiles());
    }

    [Fact]
    public async Task Lists_uploads_by_key_then_initiation_with_markers_and_delimiter()
    {
        using var v = new TestVolume();
        var b1 = await v.Store.CreateMultipartUploadAsync(TestVolume.Name, "b", ObjectMetadata.Empty, "o", null, default);
        await Task.Delay(5);
        var b2 = await v.Store.CreateMultipartUploadAsync(TestVolume.Name, "b", ObjectMetadata.Empty, "o", null, default);
        var a = await v.Store.CreateMultipartUploadAsync(TestVolume.Name, "a", ObjectMetadata.Empty, "o", null, default);
        await v.Store.CreateMultipartUploadAsync(TestVolume.Name, "dir/x", ObjectMetadata.Empty, "o", null, default);
        await v.Store.CreateMultipartUploadAsync(TestVolume.Name, "dir/y", ObjectMetadata.Empty, "o", null, default);

        var page = await v.Store.ListMultipartUploadsAsync(TestVolume.Name, new ListUploadsRequest { MaxUploads = 2 }, default);
        Assert.Equal([a.UploadId, b1.UploadId], page.Uploads.Select(u => u.UploadId));
        Assert.True(page.IsTruncated);
        page = await v.Store.ListMultipartUploadsAsync(TestVolume.Name,
            new ListUploadsRequest { KeyMarker = page.NextKeyMarker, UploadIdMarker = page.NextUploadIdMarker, Delimiter = "/" }, default);
        Assert.Equal([b2.UploadId], page.Uploads.Select(u => u.UploadId));
        Assert.Equal(["dir/"], page.CommonPrefixes);
        Assert.False(page.IsTruncated);
    }
}
