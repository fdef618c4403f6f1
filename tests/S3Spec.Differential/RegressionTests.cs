using System.Text;
using S3Spec.Differential.Execution;
using S3Spec.Differential.Model;
using Xunit;

namespace S3Spec.Differential;

/// <summary>
/// Findings of the differential run that were S3Spec defects, each pinned by a direct check against S3Spec (raw
/// HTTP through the harness's stack), so that it fails again if the defect comes back (docs/differential.md, Findings).
/// </summary>
[Collection(DifferentialCollection.Name)]
public sealed class RegressionTests(DifferentialWorld world)
{
    [Fact]
    public async Task Listings_and_copy_results_carry_the_checksum_of_an_object_put_with_one()
    {
        var harness = world.Harness;
        var bucket = await harness.NewBucketAsync("regression");
        var raw = harness.Stacks[ClientStack.Raw];
        try
        {
            var body = Encoding.ASCII.GetBytes("checksummed");
            var crc = Convert.ToBase64String(System.IO.Hashing.Crc32.HashToUInt32(body) is var v ? [(byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v] : []);
            var put = await SendWithChecksumAsync(harness.S3Spec, bucket, "sum.txt", body, crc);
            Assert.Equal(200, put.Status);
            Assert.Equal(crc, put.Header("x-amz-checksum-crc32"));

            var list = await raw.SendAsync(harness.S3Spec, bucket, new Step { Op = Op.ListV2 }, CancellationToken.None);
            Assert.Equal("sum.txt", list.Field("Contents[0].Key"));
            Assert.Equal("CRC32", list.Field("Contents[0].ChecksumAlgorithm"));
            Assert.Equal("FULL_OBJECT", list.Field("Contents[0].ChecksumType"));

            var copy = await raw.SendAsync(harness.S3Spec, bucket, new Step { Op = Op.Copy, Key = "copy.txt", SourceKey = "sum.txt" }, CancellationToken.None);
            Assert.Equal(200, copy.Status);
            Assert.Equal(crc, copy.Field("ChecksumCRC32"));
            Assert.Equal("FULL_OBJECT", copy.Field("ChecksumType"));
        }
        finally
        {
            harness.DropBucket(bucket);
        }
    }

    private static async Task<RawAnswer> SendWithChecksumAsync(Target target, string bucket, string key, byte[] body, string crc)
    {
        using var connection = new RawConnection(target.Endpoint.Port, TimeSpan.FromSeconds(30));
        var path = RawStack.KeyPath(bucket, key);
        List<KeyValuePair<string, string>> headers = [new("x-amz-checksum-crc32", crc)];
        TestSigner.SignHeaders("PUT", path, headers, TestSigner.Sha256Hex(body), Target.Credentials, DateTimeOffset.UtcNow, target.Host);
        return await connection.SendAsync(RawStack.Request("PUT", path, headers, body), "PUT", CancellationToken.None);
    }
}
