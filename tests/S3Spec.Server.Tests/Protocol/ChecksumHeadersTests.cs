using Microsoft.AspNetCore.Http;
using S3Spec.Core.Errors;
using S3Spec.Server.Protocol;
using S3Spec.Server.Requests;

namespace S3Spec.Server.Tests.Protocol;

public sealed class ChecksumHeadersTests
{
    [Fact]
    public void SentChecksumsAreReadByAlgorithm()
    {
        var read = ChecksumHeaders.Read(Family(new HeaderDictionary { ["x-amz-checksum-crc32"] = "NhCmhg==", ["x-amz-checksum-type"] = "COMPOSITE" }));
        Assert.Equal(new Dictionary<string, string> { ["CRC32"] = "NhCmhg==" }, read);
        Assert.Null(ChecksumHeaders.Read(Family(new HeaderDictionary())));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void AnEmptyChecksumHeaderIsNotAnAbsentOne(string value)
    {
        var e = Assert.Throws<S3Exception>(() => ChecksumHeaders.Read(Family(new HeaderDictionary { ["x-amz-checksum-sha256"] = value })));
        Assert.Same(S3Errors.InvalidRequest, e.Error);
    }

    private static IReadOnlyList<KeyValuePair<string, string>> Family(HeaderDictionary headers) => InputValues.Family(headers, ChecksumHeaders.FamilyPrefix);
}
