using System.Buffers.Binary;
using System.IO.Hashing;
using System.Security.Cryptography;
using S3Spec.Core.Checksums;
using S3Spec.Core.Errors;
using S3Spec.Storage.Contract;

namespace S3Spec.Storage.Tests.Multipart;

public class ChecksumTests
{
    private static string Crc32B64(ReadOnlySpan<byte> data)
    {
        var b = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(b, System.IO.Hashing.Crc32.HashToUInt32(data));
        return Convert.ToBase64String(b);
    }

    private static string Crc64B64(ReadOnlySpan<byte> data)
    {
        var c = new Crc64(Crc64ParameterSet.Nvme);
        c.Append(data);
        var b = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(b, c.GetCurrentHashAsUInt64());
        return Convert.ToBase64String(b);
    }

    private static ChecksumSet All(byte[] data) => ChecksumSet.From(new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["CRC32"] = Crc32B64(data),
        ["CRC64NVME"] = Crc64B64(data),
        ["SHA256"] = Convert.ToBase64String(SHA256.HashData(data)),
    });

    /// <summary>An upload of "obj" (declaring <paramref name="declared"/>) with two parts carrying their checksums.</summary>
    private static async Task<(MultipartUploadInfo Upload, CompletedPart[] Parts)> TwoPartUpload(TestVolume v, UploadChecksum? declared, byte[] a, byte[] b)
    {
        var up = await v.Store.CreateMultipartUploadAsync(TestVolume.Name, "obj", ObjectMetadata.Empty, "o", declared, default);
        var p1 = await UploadWithChecksums(v, up.UploadId, 1, a);
        var p2 = await UploadWithChecksums(v, up.UploadId, 2, b);
        return (up, [new(1, p1.ETag), new(2, p2.ETag)]);
    }

    private static Task<PartInfo> UploadWithChecksums(TestVolume v, string id, int n, byte[] data) =>
        v.Store.UploadPartAsync(TestVolume.Name, "obj", id, n, new MemoryStream(data),
            new PutObjectOptions { ContentLength = data.Length, VerifiedChecksums = () => All(data) }, default);

    [Fact]
    public async Task Put_stores_verified_checksums_and_reads_return_them()
    {
        using var v = new TestVolume();
        var data = "checksummed body"u8.ToArray();
        var called = 0;
        await v.Store.PutObjectAsync(TestVolume.Name, "c", new MemoryStream(data), new PutObjectOptions
        {
            ContentLength = data.Length,
            VerifiedChecksums = () =>
            {
                called++;
                return ChecksumSet.From(new Dictionary<string, string> { ["CRC32"] = Crc32B64(data) });
            },
        }, default);

        Assert.Equal(1, called);
        var head = await v.Store.HeadObjectAsync(TestVolume.Name, "c", default);
        Assert.Equal(Crc32B64(data), head.Metadata.Checksums["CRC32"]);
        await using var reader = await v.Store.OpenObjectAsync(TestVolume.Name, "c", default);
        Assert.Equal(Crc32B64(data), reader.Info.Metadata.Checksums["CRC32"]);

        // Copies keep the checksum (same content), also with replaced metadata.
        await v.Store.CopyObjectAsync(new CopyObjectRequest
        {
            SourceVolume = TestVolume.Name, SourceKey = "c", DestinationVolume = TestVolume.Name, DestinationKey = "d",
            ReplaceMetadata = new ObjectMetadata { ContentType = "text/x" },
        }, default);
        Assert.Equal(Crc32B64(data), (await v.Store.HeadObjectAsync(TestVolume.Name, "d", default)).Metadata.Checksums["CRC32"]);
    }

    [Fact]
    public async Task Three_part_upload_gets_full_object_crc64nvme_and_composite_crc32_and_sha256()
    {
        using var v = new TestVolume();
        var random = new Random(7);
        byte[][] parts = [new byte[70_000], new byte[12_345], new byte[999]];
        foreach (var p in parts)
        {
            random.NextBytes(p);
        }

        var up = await v.Store.CreateMultipartUploadAsync(TestVolume.Name, "obj", ObjectMetadata.Empty, "o", null, default);
        var infos = new List<PartInfo>();
        for (var i = 0; i < 3; i++)
        {
            infos.Add(await UploadWithChecksums(v, up.UploadId, i + 1, parts[i]));
        }

        Assert.Equal(Crc32B64(parts[0]), infos[0].Checksums!["CRC32"]);
        var listed = await v.Store.ListPartsAsync(TestVolume.Name, "obj", up.UploadId, 0, 10, default);
        Assert.Equal(Crc64B64(parts[1]), listed.Parts[1].Checksums!["CRC64NVME"]);

        var completed = infos.Select(p => new CompletedPart(p.PartNumber, p.ETag) { Checksums = ChecksumSet.From(new Dictionary<string, string> { ["CRC32"] = p.Checksums!["CRC32"] }) }).ToList();
        var done = await v.Store.CompleteMultipartUploadAsync(TestVolume.Name, "obj", up.UploadId, completed, CompleteOptions.None, default);

        byte[] whole = [.. parts[0], .. parts[1], .. parts[2]];
        var crcConcat = parts.SelectMany(p => Convert.FromBase64String(Crc32B64(p))).ToArray();
        var shaConcat = parts.SelectMany(SHA256.HashData).ToArray();
        var head = await v.Store.HeadObjectAsync(TestVolume.Name, "obj", default);
        Assert.Equal(Crc64B64(whole), head.Metadata.Checksums["CRC64NVME"]);
        Assert.Equal(Crc32B64(crcConcat) + "-3", head.Metadata.Checksums["CRC32"]);
        Assert.Equal(Convert.ToBase64String(SHA256.HashData(shaConcat)) + "-3", head.Metadata.Checksums["SHA256"]);
        Assert.Equal(head.Metadata.Checksums["CRC64NVME"], done.Metadata.Checksums["CRC64NVME"]);
    }

    [Fact]
    public async Task Expected_full_object_checksum_is_verified_and_mismatches_keep_the_upload()
    {
        using var v = new TestVolume();
        byte[] a = "first part "u8.ToArray(), b = "second part"u8.ToArray();
        var (up, parts) = await TwoPartUpload(v, null, a, b);

        Assert.Same(S3Errors.ChecksumMismatch, await TestVolume.ErrorOf(() => v.Store.CompleteMultipartUploadAsync(TestVolume.Name, "obj", up.UploadId, parts,
            new CompleteOptions { ExpectedChecksums = ChecksumSet.From(new Dictionary<string, string> { ["CRC64NVME"] = Crc64B64(a) }) }, default)));
        Assert.Same(S3Errors.InvalidPart, await TestVolume.ErrorOf(() => v.Store.CompleteMultipartUploadAsync(TestVolume.Name, "obj", up.UploadId,
            [parts[0] with { Checksums = ChecksumSet.From(new Dictionary<string, string> { ["CRC32"] = Crc32B64(b) }) }, parts[1]], CompleteOptions.None, default)));
        Assert.False(File.Exists(v.PathOf("obj")));

        byte[] whole = [.. a, .. b];
        var expected = ChecksumSet.From(new Dictionary<string, string> { ["CRC64NVME"] = Crc64B64(whole), ["CRC32"] = Crc32B64(whole) });
        await v.Store.CompleteMultipartUploadAsync(TestVolume.Name, "obj", up.UploadId, parts, new CompleteOptions { ExpectedChecksums = expected }, default);
        var head = await v.Store.HeadObjectAsync(TestVolume.Name, "obj", default);
        Assert.Equal(Crc32B64(whole), head.Metadata.Checksums["CRC32"]); // full-object type asked for, full-object stored
        Assert.Equal(Crc64B64(whole), head.Metadata.Checksums["CRC64NVME"]);
    }

    [Fact]
    public async Task Parts_without_checksums_give_an_object_without_checksums()
    {
        using var v = new TestVolume();
        var up = await v.Store.CreateMultipartUploadAsync(TestVolume.Name, "obj", ObjectMetadata.Empty, "o", null, default);
        var p1 = await UploadWithChecksums(v, up.UploadId, 1, "a"u8.ToArray());
        var p2 = await v.Store.UploadPartAsync(TestVolume.Name, "obj", up.UploadId, 2, new MemoryStream("b"u8.ToArray()), PutObjectOptions.Default, default);
        Assert.Null(p2.Checksums);
        Assert.Same(S3Errors.InvalidRequest, await TestVolume.ErrorOf(() => v.Store.CompleteMultipartUploadAsync(TestVolume.Name, "obj", up.UploadId,
            [new(1, p1.ETag), new(2, p2.ETag)], new CompleteOptions { ExpectedChecksums = ChecksumSet.From(new Dictionary<string, string> { ["CRC32"] = Crc32B64("ab"u8) }) }, default)));

        await v.Store.CompleteMultipartUploadAsync(TestVolume.Name, "obj", up.UploadId, [new(1, p1.ETag), new(2, p2.ETag)], CompleteOptions.None, default);
        Assert.Empty((await v.Store.HeadObjectAsync(TestVolume.Name, "obj", default)).Metadata.Checksums);
    }

    [Fact]
    public async Task A_declared_full_object_crc32_is_read_back_from_the_upload_record_combined_and_answered_again_by_a_retried_complete()
    {
        using var v = new TestVolume();
        byte[] a = "first part "u8.ToArray(), b = "second part"u8.ToArray();
        var declared = new UploadChecksum("CRC32", UploadChecksum.FullObject);
        var (up, parts) = await TwoPartUpload(v, declared, a, b);
        Assert.Equal(declared, up.Checksum);
        Assert.Equal(declared, (await v.Store.GetMultipartUploadAsync(TestVolume.Name, "obj", up.UploadId, default)).Checksum);

        Assert.Same(S3Errors.InvalidRequest, await TestVolume.ErrorOf(() => v.Store.CompleteMultipartUploadAsync(TestVolume.Name, "obj", up.UploadId, parts,
            new CompleteOptions { ChecksumType = UploadChecksum.Composite }, default)));
        var done = await v.Store.CompleteMultipartUploadAsync(TestVolume.Name, "obj", up.UploadId, parts, new CompleteOptions { ChecksumType = "full_object" }, default);

        byte[] whole = [.. a, .. b];
        Assert.Equal(Crc32B64(whole), done.Metadata.Checksums["CRC32"]); // no expected value sent: the declaration decides
        Assert.Equal(Crc32B64(whole), (await v.Store.HeadObjectAsync(TestVolume.Name, "obj", default)).Metadata.Checksums["CRC32"]);
        Assert.StartsWith(Convert.ToBase64String(SHA256.HashData([.. SHA256.HashData(a), .. SHA256.HashData(b)])), done.Metadata.Checksums["SHA256"]);

        var retried = await v.Store.CompleteMultipartUploadAsync(TestVolume.Name, "obj", up.UploadId, parts, CompleteOptions.None, default);
        Assert.Equal(done.ETag, retried.ETag);
        Assert.Equal(done.Metadata.Checksums["CRC32"], retried.Metadata.Checksums["CRC32"]);
        Assert.Equal(done.Metadata.Checksums["CRC64NVME"], retried.Metadata.Checksums["CRC64NVME"]);
    }

    [Fact]
    public async Task An_undeclared_upload_refuses_a_checksum_type_on_complete_and_a_declared_composite_stays_composite()
    {
        using var v = new TestVolume();
        byte[] a = "aaaa"u8.ToArray(), b = "bbbb"u8.ToArray();
        var plain = await v.Store.CreateMultipartUploadAsync(TestVolume.Name, "obj", ObjectMetadata.Empty, "o", null, default);
        var q1 = await UploadWithChecksums(v, plain.UploadId, 1, a);
        Assert.Same(S3Errors.InvalidRequest, await TestVolume.ErrorOf(() => v.Store.CompleteMultipartUploadAsync(TestVolume.Name, "obj", plain.UploadId,
            [new(1, q1.ETag)], new CompleteOptions { ChecksumType = UploadChecksum.FullObject }, default)));
        Assert.Same(S3Errors.InvalidRequest, await TestVolume.ErrorOf(() => v.Store.CompleteMultipartUploadAsync(TestVolume.Name, "obj", plain.UploadId,
            [new(1, q1.ETag)], new CompleteOptions { ChecksumType = "SOMETHING" }, default)));

        var (composite, parts) = await TwoPartUpload(v, new UploadChecksum("CRC32", UploadChecksum.Composite), a, b);
        var done = await v.Store.CompleteMultipartUploadAsync(TestVolume.Name, "obj", composite.UploadId, parts, CompleteOptions.None, default);
        Assert.Equal(Crc32B64([.. Convert.FromBase64String(Crc32B64(a)), .. Convert.FromBase64String(Crc32B64(b))]) + "-2", done.Metadata.Checksums["CRC32"]);
    }
}
