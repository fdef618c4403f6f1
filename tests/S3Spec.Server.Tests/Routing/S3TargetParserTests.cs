using S3Spec.Core.Errors;
using S3Spec.Server.Routing;

namespace S3Spec.Server.Tests.Routing;

public sealed class S3TargetParserTests
{
    [Fact]
    public void RootIsTheService()
    {
        var t = S3TargetParser.Parse("/");
        Assert.Null(t.Bucket);
        Assert.Null(t.Key);
        Assert.True(t.IsService);
        Assert.Equal("/", t.RawPath);
        Assert.Equal(string.Empty, t.RawQuery);
        Assert.Equal("/", t.Resource);
    }

    [Theory]
    [InlineData("/b")]
    [InlineData("/b/")]
    public void BucketWithOrWithoutTrailingSlashHasNoKey(string raw)
    {
        var t = S3TargetParser.Parse(raw);
        Assert.Equal("b", t.Bucket);
        Assert.Null(t.Key);
        Assert.False(t.IsService);
        Assert.False(t.IsObject);
        Assert.Equal("/b", t.Resource);
    }

    [Fact]
    public void BucketAndKey()
    {
        var t = S3TargetParser.Parse("/b/k");
        Assert.Equal("b", t.Bucket);
        Assert.Equal("k", t.Key);
        Assert.True(t.IsObject);
        Assert.Equal("/b/k", t.Resource);
    }

    [Fact]
    public void KeyIsPercentDecodedOnceAndKeepsItsSlashes()
    {
        var t = S3TargetParser.Parse("/b/a%20b/c");
        Assert.Equal("a b/c", t.Key);
        Assert.Equal("/b/a%20b/c", t.RawPath);
    }

    [Fact]
    public void DoubleEncodingIsDecodedOnlyOnce()
    {
        Assert.Equal("a%20b", S3TargetParser.Parse("/b/a%2520b").Key);
    }

    [Fact]
    public void PlusIsKeptAsPlus()
    {
        Assert.Equal("a+b", S3TargetParser.Parse("/b/a+b").Key);
    }

    [Fact]
    public void EncodedSlashDecodesToSlash()
    {
        Assert.Equal("a/b", S3TargetParser.Parse("/b/a%2Fb").Key);
        Assert.Equal("a/b", S3TargetParser.Parse("/b/a%2fb").Key);
    }

    [Fact]
    public void EncodedQuestionMarkIsPartOfTheKey()
    {
        var t = S3TargetParser.Parse("/b/a%3Fb?x=1");
        Assert.Equal("a?b", t.Key);
        Assert.Equal("x=1", t.RawQuery);
    }

    [Fact]
    public void DotSegmentsAreKeptLiterally()
    {
        Assert.Equal("a/../c", S3TargetParser.Parse("/b/a/../c").Key);
        Assert.Equal("./x", S3TargetParser.Parse("/b/./x").Key);
        Assert.Equal("..", S3TargetParser.Parse("/b/%2E%2E").Key);
    }

    [Fact]
    public void EmptySegmentsAreKeptLiterally()
    {
        Assert.Equal("/x", S3TargetParser.Parse("/b//x").Key);
        Assert.Equal("a//c/", S3TargetParser.Parse("/b/a//c/").Key);
    }

    [Theory]
    [InlineData("/b/%C3%A9", "é")]
    [InlineData("/b/caf%C3%A9/x", "café/x")]
    [InlineData("/b/%F0%9F%98%80", "\U0001F600")]
    [InlineData("/b/%E4%B8%AD%E6%96%87", "中文")]
    public void UnicodeIsPercentEncodedUtf8(string raw, string key)
    {
        Assert.Equal(key, S3TargetParser.Parse(raw).Key);
    }

    [Fact]
    public void RawNonAsciiCharactersAreKept()
    {
        Assert.Equal("é\U0001F600", S3TargetParser.Parse("/b/é\U0001F600").Key);
    }

    [Fact]
    public void BucketIsDecodedToo()
    {
        Assert.Equal("my bucket", S3TargetParser.Parse("/my%20bucket/k").Bucket);
    }

    [Theory]
    [InlineData("/b/%zz")]
    [InlineData("/b/a%2")]
    [InlineData("/b/a%")]
    [InlineData("/b/%G0")]
    [InlineData("/b/%e9")]
    [InlineData("/b/%C3")]
    [InlineData("/b/%C3%28")]
    [InlineData("/b/%FF")]
    [InlineData("/b/%ED%A0%80")]
    [InlineData("/%zz/k")]
    public void MalformedEncodingOrInvalidUtf8IsInvalidUri(string raw)
    {
        var e = Assert.Throws<S3Exception>(() => S3TargetParser.Parse(raw));
        Assert.Same(S3Errors.InvalidURI, e.Error);
    }

    [Fact]
    public void EmptyBucketSegmentIsInvalidUri()
    {
        var e = Assert.Throws<S3Exception>(() => S3TargetParser.Parse("//k"));
        Assert.Same(S3Errors.InvalidURI, e.Error);
    }

    [Theory]
    [InlineData("*")]
    [InlineData("b/k")]
    [InlineData("")]
    public void TargetThatIsNeitherOriginNorAbsoluteFormIsInvalidUri(string raw)
    {
        var e = Assert.Throws<S3Exception>(() => S3TargetParser.Parse(raw));
        Assert.Same(S3Errors.InvalidURI, e.Error);
    }

    [Fact]
    public void AbsoluteFormKeepsOnlyPathAndQuery()
    {
        var t = S3TargetParser.Parse("http://h:1/b/k?x=1");
        Assert.Equal("b", t.Bucket);
        Assert.Equal("k", t.Key);
        Assert.Equal("/b/k", t.RawPath);
        Assert.Equal("x=1", t.RawQuery);
    }

    [Fact]
    public void AbsoluteFormWithoutPathIsTheService()
    {
        var t = S3TargetParser.Parse("http://h:1");
        Assert.True(t.IsService);
        Assert.Equal("/", t.RawPath);
    }

    [Fact]
    public void QueryIsSplitOffRawAndUndecoded()
    {
        var t = S3TargetParser.Parse("/b/k%20x?uploadId=a%2Bb&partNumber=1");
        Assert.Equal("k x", t.Key);
        Assert.Equal("/b/k%20x", t.RawPath);
        Assert.Equal("uploadId=a%2Bb&partNumber=1", t.RawQuery);
    }

    [Fact]
    public void QueryOnTheServiceAndOnABucket()
    {
        var service = S3TargetParser.Parse("/?x-id=ListBuckets");
        Assert.True(service.IsService);
        Assert.Equal("x-id=ListBuckets", service.RawQuery);

        var bucket = S3TargetParser.Parse("/b?list-type=2&prefix=a%2F");
        Assert.Equal("b", bucket.Bucket);
        Assert.Null(bucket.Key);
        Assert.Equal("/b", bucket.RawPath);
        Assert.Equal("list-type=2&prefix=a%2F", bucket.RawQuery);
    }

    [Fact]
    public void EmptyQueryAfterQuestionMark()
    {
        var t = S3TargetParser.Parse("/b/k?");
        Assert.Equal("k", t.Key);
        Assert.Equal(string.Empty, t.RawQuery);
    }

    [Fact]
    public void AbsoluteFormWithoutPathKeepsTheQuery()
    {
        var t = S3TargetParser.Parse("http://h:1?x-id=ListBuckets");
        Assert.True(t.IsService);
        Assert.Equal("x-id=ListBuckets", t.RawQuery);
    }
}
