using S3Spec.Core.Errors;
using S3Spec.Server.Handlers;

namespace S3Spec.Server.Tests.Handlers;

public sealed class CopySourceTests
{
    [Theory]
    [InlineData("b/k", "b", "k")]
    [InlineData("/b/k", "b", "k")]
    [InlineData("b/a%20b", "b", "a b")]
    [InlineData("b/a+b", "b", "a+b")]
    [InlineData("b/dir/sub/file.txt", "b", "dir/sub/file.txt")]
    [InlineData("b%2Fk", "b", "k")]
    [InlineData("b/caf%C3%A9", "b", "café")]
    [InlineData("b/k?versionId=null", "b", "k")]
    [InlineData("/b/k?versionId=null", "b", "k")]
    [InlineData("b/k?x-id=CopyObject", "b", "k")]
    [InlineData("  b/k  ", "b", "k")]
    [InlineData("b/a%3Fb", "b", "a?b")]
    public void ParsesBucketAndKey(string header, string bucket, string key)
    {
        Assert.Equal(new CopySource(bucket, key), CopySource.Parse(header));
    }

    [Theory]
    [InlineData("b/k?versionId=abc")]
    [InlineData("b/k?versionId=3HL4kqtJlcpXroDTDmJ%2BrmSpXd3dIbrHY")]
    public void AVersionOtherThanNullIsInvalidArgument(string header)
    {
        var e = Assert.Throws<S3Exception>(() => CopySource.Parse(header));
        Assert.Same(S3Errors.InvalidArgument, e.Error);
    }

    [Theory]
    [InlineData("b")]
    [InlineData("b/")]
    [InlineData("/b")]
    [InlineData("/b/")]
    [InlineData("/")]
    [InlineData("//k")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void WithoutBucketAndKeyIsInvalidArgument(string? header)
    {
        var e = Assert.Throws<S3Exception>(() => CopySource.Parse(header));
        Assert.Same(S3Errors.InvalidArgument, e.Error);
    }

    [Fact]
    public void MalformedEncodingIsInvalidUri()
    {
        var e = Assert.Throws<S3Exception>(() => CopySource.Parse("b/%zz"));
        Assert.Same(S3Errors.InvalidURI, e.Error);
    }
}
