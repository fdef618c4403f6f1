using System.Text;
using S3Spec.Core.Errors;
using S3Spec.Server.Handlers;

namespace S3Spec.Server.Tests.Handlers;

public sealed class ListingCodecTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("")]
    [InlineData("photos/2026/é/\U0001F600 x+y=z.jpg")]
    [InlineData("1:nested-prefix")]
    [InlineData("a\r\nb")]
    public void TokenRoundTrips(string key)
    {
        var token = ListingCodec.EncodeToken(key);
        Assert.Equal(key, ListingCodec.DecodeToken(token));
    }

    [Fact]
    public void TokenIsUrlSafe()
    {
        var token = ListingCodec.EncodeToken("\U0001F600\U0001F600??>>~~é/");
        foreach (var c in token)
        {
            Assert.True(char.IsAsciiLetterOrDigit(c) || c is '-' or '_', $"'{c}' in {token}");
        }
    }

    [Fact]
    public void DistinctKeysGiveDistinctTokens()
    {
        Assert.NotEqual(ListingCodec.EncodeToken("a"), ListingCodec.EncodeToken("b"));
    }

    [Theory]
    [InlineData("!!!")]
    [InlineData("Zm9v")]
    [InlineData("a")]
    [InlineData("%%")]
    public void InvalidTokenIsInvalidArgument(string token)
    {
        var e = Assert.Throws<S3Exception>(() => ListingCodec.DecodeToken(token));
        Assert.Same(S3Errors.InvalidArgument, e.Error);
    }

    [Fact]
    public void TokenWithTheWrongPrefixIsInvalidArgument()
    {
        var token = System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes("2:key"));
        var e = Assert.Throws<S3Exception>(() => ListingCodec.DecodeToken(token));
        Assert.Same(S3Errors.InvalidArgument, e.Error);
    }

    [Theory]
    [InlineData(null, 1000)]
    [InlineData("", 1000)]
    [InlineData("0", 0)]
    [InlineData("1", 1)]
    [InlineData("999", 999)]
    [InlineData("1000", 1000)]
    [InlineData("5000", 1000)]
    [InlineData("2147483647", 1000)]
    public void ParseMaxDefaultsAndCaps(string? value, int expected)
    {
        Assert.Equal(expected, ListingCodec.ParseMax(value, "max-keys", 1000));
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("x")]
    [InlineData("1.5")]
    [InlineData(" 5")]
    [InlineData("+5")]
    [InlineData("99999999999")]
    public void ParseMaxRejectsNonIntegers(string value)
    {
        var e = Assert.Throws<S3Exception>(() => ListingCodec.ParseMax(value, "max-keys", 1000));
        Assert.Same(S3Errors.InvalidArgument, e.Error);
        Assert.Contains("max-keys", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("", false)]
    [InlineData("url", true)]
    [InlineData("URL", true)]
    public void ParseEncodingType(string? value, bool expected)
    {
        Assert.Equal(expected, ListingCodec.ParseEncodingType(value));
    }

    [Fact]
    public void UnknownEncodingTypeIsInvalidArgument()
    {
        var e = Assert.Throws<S3Exception>(() => ListingCodec.ParseEncodingType("base64"));
        Assert.Same(S3Errors.InvalidArgument, e.Error);
    }

    [Theory]
    [InlineData("a b", "a%20b")]
    [InlineData("a+b", "a%2Bb")]
    [InlineData("dir/sub/file", "dir/sub/file")]
    [InlineData("é", "%C3%A9")]
    [InlineData("\U0001F600", "%F0%9F%98%80")]
    [InlineData("AZaz09-_.~", "AZaz09-_.~")]
    [InlineData("a%b", "a%25b")]
    [InlineData("a\nb", "a%0Ab")]
    [InlineData("a\u0001b", "a%01b")]
    [InlineData("?&=#*", "%3F%26%3D%23%2A")]
    [InlineData("", "")]
    public void UrlEncodeKeepsUnreservedAndSlash(string value, string expected)
    {
        Assert.Equal(expected, ListingCodec.UrlEncode(value, encode: true));
    }

    [Fact]
    public void UrlEncodeOnlyWhenAsked()
    {
        Assert.Equal("a b+é", ListingCodec.UrlEncode("a b+é", encode: false));
        Assert.Null(ListingCodec.UrlEncode(null, encode: true));
    }

    [Theory]
    [InlineData("plain", true)]
    [InlineData("tab\tnl\ncr\r", true)]
    [InlineData("é\U0001F600中", true)]
    [InlineData("", true)]
    [InlineData("a\u0001b", false)]
    [InlineData("\u0000", false)]
    [InlineData("\u001F", false)]
    [InlineData("a\uFFFE", false)]
    [InlineData("a\uFFFF", false)]
    public void IsXmlSafe(string value, bool expected)
    {
        Assert.Equal(expected, ListingCodec.IsXmlSafe(value));
    }
}
