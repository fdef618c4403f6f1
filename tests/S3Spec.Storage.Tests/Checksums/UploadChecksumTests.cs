using S3Spec.Core.Checksums;
using S3Spec.Core.Errors;

namespace S3Spec.Storage.Tests.Checksums;

public class UploadChecksumTests
{
    [Theory]
    [InlineData("CRC32", null, "CRC32", "COMPOSITE")]
    [InlineData("crc32c", "full_object", "CRC32C", "FULL_OBJECT")]
    [InlineData("CRC64NVME", null, "CRC64NVME", "FULL_OBJECT")]
    [InlineData("SHA256", "COMPOSITE", "SHA256", "COMPOSITE")]
    [InlineData("SHA1", null, "SHA1", "COMPOSITE")]
    public void A_declaration_names_the_algorithm_and_its_type(string algorithm, string? type, string expectedAlgorithm, string expectedType)
    {
        var declared = UploadChecksum.Parse(algorithm, type);
        Assert.Equal(new UploadChecksum(expectedAlgorithm, expectedType), declared);
    }

    [Fact]
    public void No_headers_declare_nothing() => Assert.Null(UploadChecksum.Parse(null, ""));

    [Theory]
    [InlineData(null, "COMPOSITE")]
    [InlineData("MD5", null)]
    [InlineData("CRC32", "PARTIAL")]
    [InlineData("SHA256", "FULL_OBJECT")]
    [InlineData("SHA1", "FULL_OBJECT")]
    [InlineData("CRC64NVME", "COMPOSITE")]
    public void Impossible_declarations_are_InvalidRequest(string? algorithm, string? type)
    {
        var e = Assert.Throws<S3Exception>(() => UploadChecksum.Parse(algorithm, type));
        Assert.Same(S3Errors.InvalidRequest, e.Error);
    }
}
