using S3Spec.Core.Checksums;
using System.Buffers.Binary;
using S3Spec.Auth.Checksums;

namespace S3Spec.Auth.Tests;

/// <summary>Published check values ("123456789") and big-endian encoding of the checksums.</summary>
public sealed class ChecksumTests
{
    [Theory]
    [InlineData(ChecksumAlgorithm.Crc32, 0xCBF43926UL)]
    [InlineData(ChecksumAlgorithm.Crc32C, 0xE3069283UL)]
    [InlineData(ChecksumAlgorithm.Crc64Nvme, 0xAE8B14860A799888UL)]
    internal void CrcCheckValues(ChecksumAlgorithm algorithm, ulong check)
    {
        var digest = Convert.FromBase64String(RunningChecksum.Compute(algorithm, "123456789"u8));
        var value = digest.Length == 4 ? BinaryPrimitives.ReadUInt32BigEndian(digest) : BinaryPrimitives.ReadUInt64BigEndian(digest);
        Assert.Equal(check, value);
    }

    [Fact]
    public void ShaValuesAreTheDigests()
    {
        Assert.Equal("qZk+NkcGgWq6PiVxeFDCbJzQ2J0=", RunningChecksum.Compute(ChecksumAlgorithm.Sha1, "abc"u8));
        Assert.Equal("ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=", RunningChecksum.Compute(ChecksumAlgorithm.Sha256, "abc"u8));
    }

    [Fact]
    public void IncrementalEqualsOneShot()
    {
        var data = new byte[1000];
        new Random(3).NextBytes(data);
        foreach (var a in ChecksumAlgorithms.All)
        {
            using var c = new RunningChecksum(a);
            c.Append(data.AsSpan(0, 1));
            c.Append(data.AsSpan(1, 500));
            c.Append(data.AsSpan(501));
            Assert.Equal(RunningChecksum.Compute(a, data), Convert.ToBase64String(c.GetDigest()));
        }
    }
}
