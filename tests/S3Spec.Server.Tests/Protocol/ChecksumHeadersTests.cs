using Microsoft.AspNetCore.Http;
using S3Spec.Core.Errors;
using S3Spec.Server.Protocol;

namespace S3Spec.Server.Tests.Protocol;

public sealed class ChecksumHeadersTests
{
    [Fact]
    public void SentChecksumsAreReadByAlgorithm()
    {
        var read = ChecksumHeaders.Read(new HeaderDictionary { ["x-amz-checksum-crc32"] = "NhCmhg==", ["x-amz-checksum-type"] = "COMPOSITE" });
        Assert.Equal(new Dictionary<string, string> { ["CRC32"] = "NhCmhg==" }, read);
        Assert.Null(ChecksumHeaders.Read(new HeaderDictionary()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void AnEmptyChecksumHeaderIsNotAnAbsentOne(string value)
    {
        var e = Assert.Throws<S3Exception>(() => ChecksumHeaders.Read(new HeaderDictionary { ["x-amz-checksum-sha256"] = value }));
        Assert.Same(S3Errors.InvalidRequest, e.Error);
    }
}
