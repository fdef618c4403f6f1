using System.Security.Cryptography;
using System.Text;
using S3Spec.Core.Errors;
using S3Spec.Storage.Contract;

namespace S3Spec.Storage.Tests.Multipart;

public class UploadPartCopyTests
{
    private static UploadPartCopyRequest Request(string uploadId, int part, (long, long)? range) => new()
    {
        SourceVolume = TestVolume.Name,
        SourceKey = "src",
        Volume = TestVolume.Name,
        Key = "dst",
        UploadId = uploadId,
        PartNumber = part,
        Range = range,
    };

    [Fact]
    public async Task Copies_a_range_as_a_part_with_its_md5_and_replaces_an_existing_part()
    {
        using var v = new TestVolume();
        var source = string.Concat(Enumerable.Range(0, 100).Select(i => (char)('a' + (i % 26))));
        await v.PutAsync("src", source);
        var up = await v.Store.CreateMultipartUploadAsync(TestVolume.Name, "dst", ObjectMetadata.Empty, "o", null, default);
        await v.Store.UploadPartAsync(TestVolume.Name, "dst", up.UploadId, 1, new MemoryStream("replaced"u8.ToArray()), PutObjectOptions.Default, default);

        var p1 = await v.Store.UploadPartCopyAsync(Request(up.UploadId, 1, (10, 59)), default);
        Assert.Equal(50, p1.Size);
        Assert.Equal("\"" + Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(source[10..60]))) + "\"", p1.ETag);
        var p2 = await v.Store.UploadPartCopyAsync(Request(up.UploadId, 2, null), default);
        Assert.Equal(100, p2.Size);

        var parts = await v.Store.ListPartsAsync(TestVolume.Name, "dst", up.UploadId, 0, 10, default);
        Assert.Equal([p1.ETag, p2.ETag], parts.Parts.Select(p => p.ETag));
        await v.Store.CompleteMultipartUploadAsync(TestVolume.Name, "dst", up.UploadId, [new(1, p1.ETag), new(2, p2.ETag)], CompleteOptions.None, default);
        Assert.Equal(source[10..60] + source, await v.ReadAsync("dst"));
        Assert.Empty(v.TempFiles());
    }

    [Fact]
    public async Task Bad_ranges_missing_sources_and_failed_source_checks_are_refused()
    {
        using var v = new TestVolume();
        await v.PutAsync("src", "0123456789");
        var up = await v.Store.CreateMultipartUploadAsync(TestVolume.Name, "dst", ObjectMetadata.Empty, "o", null, default);

        Assert.Same(S3Errors.InvalidRange, await TestVolume.ErrorOf(() => v.Store.UploadPartCopyAsync(Request(up.UploadId, 1, (5, 10)), default)));
        Assert.Same(S3Errors.InvalidRange, await TestVolume.ErrorOf(() => v.Store.UploadPartCopyAsync(Request(up.UploadId, 1, (6, 5)), default)));
        Assert.Same(S3Errors.NoSuchKey, await TestVolume.ErrorOf(() => v.Store.UploadPartCopyAsync(Request(up.UploadId, 1, null) with { SourceKey = "nope" }, default)));
        Assert.Same(S3Errors.NoSuchUpload, await TestVolume.ErrorOf(() => v.Store.UploadPartCopyAsync(Request(up.UploadId, 1, null) with { Key = "other" }, default)));
        Assert.Same(S3Errors.PreconditionFailed, await TestVolume.ErrorOf(() => v.Store.UploadPartCopyAsync(Request(up.UploadId, 1, null) with
        {
            CheckSource = _ => throw new S3Exception(S3Errors.PreconditionFailed),
        }, default)));

        v.Options.MaxPartSize = 4;
        Assert.Same(S3Errors.EntityTooLarge, await TestVolume.ErrorOf(() => v.Store.UploadPartCopyAsync(Request(up.UploadId, 1, (0, 4)), default)));
        var ok = await v.Store.UploadPartCopyAsync(Request(up.UploadId, 1, (6, 9)), default);
        Assert.Equal(4, ok.Size);
        Assert.Single((await v.Store.ListPartsAsync(TestVolume.Name, "dst", up.UploadId, 0, 10, default)).Parts);
        Assert.Empty(v.TempFiles());
    }
}
