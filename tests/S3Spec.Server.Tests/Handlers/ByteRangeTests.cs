using S3Spec.Core.Errors;
using S3Spec.Server.Handlers;

namespace S3Spec.Server.Tests.Handlers;

public sealed class ByteRangeTests
{
    [Theory]
    [InlineData("bytes=0-4", 10, 0, 5)]
    [InlineData("bytes=5-", 10, 5, 5)]
    [InlineData("bytes=-3", 10, 7, 3)]
    [InlineData("bytes=-100", 10, 0, 10)]
    [InlineData("bytes=0-100", 10, 0, 10)]
    [InlineData("bytes=9-9", 10, 9, 1)]
    [InlineData("bytes=9-", 10, 9, 1)]
    [InlineData("bytes=3-3", 10, 3, 1)]
    [InlineData("bytes=0-0", 1, 0, 1)]
    [InlineData("BYTES=1-2", 10, 1, 2)]
    [InlineData(" bytes= 1 - 2 ", 10, 1, 2)]
    public void SatisfiableRanges(string header, long size, long offset, long length)
    {
        Assert.Equal(new ByteRange(offset, length), ByteRange.Parse(header, size));
    }

    [Theory]
    [InlineData("bytes=10-", 10)]
    [InlineData("bytes=10-20", 10)]
    [InlineData("bytes=11-12", 10)]
    [InlineData("bytes=0-", 0)]
    [InlineData("bytes=0-0", 0)]
    [InlineData("bytes=-0", 10)]
    [InlineData("bytes=-0", 0)]
    public void UnsatisfiableRangesAreInvalidRange(string header, long size)
    {
        var e = Assert.Throws<S3Exception>(() => ByteRange.Parse(header, size));
        Assert.Same(S3Errors.InvalidRange, e.Error);
        Assert.Equal(416, e.Error.Status);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("bytes=")]
    [InlineData("bytes=-")]
    [InlineData("bytes=abc")]
    [InlineData("bytes=a-b")]
    [InlineData("bytes=1-x")]
    [InlineData("bytes=5-2")]
    [InlineData("bytes=0-1,3-4")]
    [InlineData("bytes=0-1, 3-4")]
    [InlineData("items=0-4")]
    [InlineData("0-4")]
    [InlineData("bytes=+1-2")]
    [InlineData("bytes=-1-2")]
    [InlineData("bytes=99999999999999999999-")]
    public void MalformedOrMultiRangeMeansTheWholeObject(string? header)
    {
        Assert.Null(ByteRange.Parse(header, 10));
    }

    [Theory]
    [InlineData("bytes=-3")]
    [InlineData("bytes=-1")]
    public void NonZeroSuffixOfAnEmptyObjectIsTheWholeEmptyObject(string header)
    {
        Assert.Null(ByteRange.Parse(header, 0));
    }
}
