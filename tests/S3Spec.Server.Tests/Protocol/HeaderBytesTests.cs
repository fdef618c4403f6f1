using S3Spec.Core.Errors;
using S3Spec.Server.Protocol;

namespace S3Spec.Server.Tests.Protocol;

public sealed class HeaderBytesTests
{
    [Theory]
    [InlineData("plain")]
    [InlineData("Hello World\u00e9")]
    [InlineData("K\u00c3\u00b6ln")]
    [InlineData("tab\there")]
    [InlineData("\u00ff\u0080")]
    public void StoredBytesAreSentAsTheyAre(string stored)
    {
        Assert.Equal(stored, HeaderBytes.ForResponse(stored));
    }

    [Theory]
    [InlineData("one\u0001")]
    [InlineData("\u000b")]
    [InlineData("del\u007f")]
    [InlineData("cr\rlf\n")]
    [InlineData("\u0000")]
    public void ValuesAHeaderCannotCarryAreLeftOut(string stored)
    {
        Assert.Null(HeaderBytes.ForResponse(stored));
    }

    [Fact]
    public void WideCharsOfOlderRecordsGoAsTheirUtf8Bytes()
    {
        // "€" (U+20AC) cannot be one byte: it goes as E2 82 AC, one char per byte.
        Assert.Equal("price \u00e2\u0082\u00ac", HeaderBytes.ForResponse("price \u20ac"));
    }

    [Fact]
    public void TextBecomesItsUtf8Bytes()
    {
        Assert.Equal("caf\u00c3\u00a9", HeaderBytes.FromText("caf\u00e9"));
        Assert.Equal("ascii", HeaderBytes.FromText("ascii"));
    }

    [Fact]
    public void BytesAreReadAsUtf8Text()
    {
        Assert.Equal("vol/k\u00f6ln.txt", HeaderBytes.ToText("x-amz-copy-source", "vol/k\u00c3\u00b6ln.txt"));
        var e = Assert.Throws<S3Exception>(() => HeaderBytes.ToText("x-amz-copy-source", "vol/k\u00f6ln.txt"));
        Assert.Same(S3Errors.InvalidArgument, e.Error);
    }

    [Theory]
    [InlineData("a\u0001", true)]
    [InlineData("a\tb", false)]
    [InlineData("\u007f", true)]
    [InlineData("\u0080", false)]
    [InlineData("\u001f", true)]
    public void ControlBytesAreEveryC0ButTabAndDel(string value, bool control)
    {
        Assert.Equal(control, S3Spec.Core.Headers.HeaderText.HasControl(value));
    }
}
