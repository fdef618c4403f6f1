using S3Spec.Admin.Cli;

namespace S3Spec.Admin.Tests;

public sealed class SizesTests
{
    [Theory]
    [InlineData("1048576", 1048576L)]
    [InlineData("500MB", 500_000_000L)]
    [InlineData("10GiB", 10L << 30)]
    [InlineData("1TB", 1_000_000_000_000L)]
    [InlineData("1.5KiB", 1536L)]
    [InlineData("2 tib", 2L << 40)]
    [InlineData("0", 0L)]
    public void ParsesSizes(string text, long expected)
    {
        Assert.True(Sizes.TryParse(text, out var bytes));
        Assert.Equal(expected, bytes);
    }

    [Theory]
    [InlineData("")]
    [InlineData("GiB")]
    [InlineData("10 XB")]
    [InlineData("1.5")]
    [InlineData("-1")]
    [InlineData("99999999PiB")]
    [InlineData("1.2.3MB")]
    public void RefusesNonSizes(string text) => Assert.False(Sizes.TryParse(text, out _));

    [Theory]
    [InlineData(512L, "512 B")]
    [InlineData(1536L, "1.5 KiB")]
    [InlineData(10L << 30, "10 GiB")]
    public void FormatsForPeople(long bytes, string expected) => Assert.Equal(expected, Sizes.Format(bytes));
}
