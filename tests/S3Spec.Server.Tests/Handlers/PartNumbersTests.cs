using S3Spec.Core.Errors;
using S3Spec.Server.Handlers;

namespace S3Spec.Server.Tests.Handlers;

public sealed class PartNumbersTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void AbsentPartNumberMeansNoSlice(string? partNumber)
    {
        Assert.Null(PartNumbers.Slice(partNumber, 10));
    }

    [Fact]
    public void PartOneIsTheWholeObject()
    {
        Assert.Equal(new ByteRange(0, 10), PartNumbers.Slice("1", 10));
        Assert.Equal(new ByteRange(0, 0), PartNumbers.Slice("1", 0));
    }

    [Theory]
    [InlineData("2")]
    [InlineData("10000")]
    public void OtherPartsAreInvalidPartNumber(string partNumber)
    {
        var e = Assert.Throws<S3Exception>(() => PartNumbers.Slice(partNumber, 10));
        Assert.Same(S3Errors.InvalidPartNumber, e.Error);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("10001")]
    [InlineData("-1")]
    [InlineData("x")]
    [InlineData("1.0")]
    public void OutOfRangePartNumberIsInvalidArgument(string partNumber)
    {
        var e = Assert.Throws<S3Exception>(() => PartNumbers.Slice(partNumber, 10));
        Assert.Same(S3Errors.InvalidArgument, e.Error);
    }
}
