using Microsoft.AspNetCore.Http;
using S3Spec.Core.Errors;
using S3Spec.Server.Handlers;
using S3Spec.Server.Protocol;

namespace S3Spec.Server.Tests.Handlers;

public sealed class RequestMetadataTests
{
    [Fact]
    public void UserMetadataIsCollectedLowerCaseWithoutThePrefix()
    {
        var headers = new HeaderDictionary
        {
            ["X-Amz-Meta-Color"] = "Red",
            ["x-amz-meta-SIZE"] = "Large Value",
            ["x-amz-metadata-directive"] = "REPLACE",
            ["x-amz-acl"] = "private",
            ["Content-Type"] = "text/plain",
        };

        var metadata = RequestMetadata.FromHeaders(headers);

        Assert.Equal(2, metadata.User.Count);
        Assert.Equal("Red", metadata.User["color"]);
        Assert.Equal("Large Value", metadata.User["size"]);
        Assert.False(metadata.User.ContainsKey("Color"));
    }

    [Fact]
    public void ContentHeadersAreStored()
    {
        var headers = new HeaderDictionary
        {
            ["Content-Type"] = "text/plain",
            ["Content-Encoding"] = "gzip",
            ["Content-Disposition"] = "attachment; filename=\"a.txt\"",
            ["Content-Language"] = "en",
            ["Cache-Control"] = "no-cache",
            ["Expires"] = "Thu, 01 Jan 2026 00:00:00 GMT",
        };

        var metadata = RequestMetadata.FromHeaders(headers);

        Assert.Equal("text/plain", metadata.ContentType);
        Assert.Equal("gzip", metadata.ContentEncoding);
        Assert.Equal("attachment; filename=\"a.txt\"", metadata.ContentDisposition);
        Assert.Equal("en", metadata.ContentLanguage);
        Assert.Equal("no-cache", metadata.CacheControl);
        Assert.Equal("Thu, 01 Jan 2026 00:00:00 GMT", metadata.Expires);
    }

    [Fact]
    public void AbsentOrEmptyContentHeadersAreNull()
    {
        var metadata = RequestMetadata.FromHeaders(new HeaderDictionary { ["Content-Type"] = string.Empty });
        Assert.Null(metadata.ContentType);
        Assert.Null(metadata.ContentEncoding);
        Assert.Null(metadata.ContentDisposition);
        Assert.Null(metadata.ContentLanguage);
        Assert.Null(metadata.CacheControl);
        Assert.Null(metadata.Expires);
        Assert.Empty(metadata.User);
    }

    [Fact]
    public void AwsChunkedContentEncodingIsNotStored()
    {
        Assert.Null(RequestMetadata.FromHeaders(new HeaderDictionary { ["Content-Encoding"] = "aws-chunked" }).ContentEncoding);
        Assert.Equal("gzip", RequestMetadata.FromHeaders(new HeaderDictionary { ["Content-Encoding"] = "aws-chunked,gzip" }).ContentEncoding);
    }

    [Theory]
    [InlineData("x-amz-meta-a", "one\u0001two")]
    [InlineData("x-amz-meta-a", "tab\u000bvertical")]
    [InlineData("x-amz-meta-a", "del\u007f")]
    [InlineData("x-amz-meta-a", "nul\u0000")]
    [InlineData("x-amz-meta-a", "line\nbreak")]
    [InlineData("Content-Type", "text/plain\r")]
    [InlineData("Content-Encoding", "gzip\u001f")]
    [InlineData("Content-Disposition", "attachment\u0001")]
    [InlineData("Content-Language", "en\u007f")]
    [InlineData("Cache-Control", "no-cache\u0002")]
    [InlineData("Expires", "\u0003")]
    public void ControlBytesAreInvalidArgument(string name, string value)
    {
        var e = Assert.Throws<S3Exception>(() => RequestMetadata.FromHeaders(new HeaderDictionary { [name] = value }));
        Assert.Same(S3Errors.InvalidArgument, e.Error);
        Assert.Contains(name, e.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void HeaderBytesAreStoredAsReceived()
    {
        // Kestrel decodes header bytes as Latin-1: "Hello World\xe9" (boto3) and UTF-8 "Köln" (C3 B6) arrive as
        // one char per byte and must be stored exactly so; a tab is an ordinary header character.
        var headers = new HeaderDictionary
        {
            ["x-amz-meta-meta1"] = "Hello World\u00e9",
            ["x-amz-meta-city"] = "K\u00c3\u00b6ln",
            ["x-amz-meta-tab"] = "a\tb",
            ["Content-Disposition"] = "attachment; filename=\"r\u00c3\u00a9sum\u00c3\u00a9.pdf\"",
        };

        var metadata = RequestMetadata.FromHeaders(headers);

        Assert.Equal("Hello World\u00e9", metadata.User["meta1"]);
        Assert.Equal("K\u00c3\u00b6ln", metadata.User["city"]);
        Assert.Equal("a\tb", metadata.User["tab"]);
        Assert.Equal("attachment; filename=\"r\u00c3\u00a9sum\u00c3\u00a9.pdf\"", metadata.ContentDisposition);
    }

    [Fact]
    public void MetadataUpToTwoKilobytesIsAccepted()
    {
        // Name "a" (1 byte) + value (2047 bytes) = 2048 bytes: exactly the limit.
        var headers = new HeaderDictionary { ["x-amz-meta-a"] = new string('v', RequestMetadata.MaxUserMetadataBytes - 1) };
        Assert.Single(RequestMetadata.FromHeaders(headers).User);
    }

    [Fact]
    public void MetadataOverTwoKilobytesIsMetadataTooLarge()
    {
        var headers = new HeaderDictionary { ["x-amz-meta-a"] = new string('v', RequestMetadata.MaxUserMetadataBytes) };
        var e = Assert.Throws<S3Exception>(() => RequestMetadata.FromHeaders(headers));
        Assert.Same(S3Errors.MetadataTooLarge, e.Error);
    }

    [Fact]
    public void MetadataSizeIsSummedOverHeadersInUtf8Bytes()
    {
        // 2 × ("k1"/"k2" 2 bytes + 512 × 'é' sent as UTF-8 = 1024 bytes) = 2052 bytes > 2048, although only 1028
        // characters of text. Header strings hold one char per byte, so UTF-8 'é' arrives as the two chars C3 A9.
        var value = string.Concat(Enumerable.Repeat("\u00C3\u00A9", 512));
        var headers = new HeaderDictionary { ["x-amz-meta-k1"] = value, ["x-amz-meta-k2"] = value };
        var e = Assert.Throws<S3Exception>(() => RequestMetadata.FromHeaders(headers));
        Assert.Same(S3Errors.MetadataTooLarge, e.Error);
    }

    [Theory]
    [InlineData("aws-chunked", null)]
    [InlineData("AWS-CHUNKED", null)]
    [InlineData("aws-chunked,gzip", "gzip")]
    [InlineData("aws-chunked, gzip", "gzip")]
    [InlineData("gzip,aws-chunked", "gzip")]
    [InlineData("gzip, aws-chunked, br", "gzip, br")]
    [InlineData("deflate, gzip", "deflate, gzip")]
    [InlineData(" deflate,  gzip ", "deflate,  gzip")]
    [InlineData(",aws-chunked,", null)]
    [InlineData("gzip", "gzip")]
    [InlineData("gzip,br", "gzip,br")]
    [InlineData("", null)]
    [InlineData(" ", null)]
    [InlineData(null, null)]
    public void StoredContentEncodingDropsAwsChunked(string? header, string? expected)
    {
        Assert.Equal(expected, RequestMetadata.StoredContentEncoding(header));
    }

    [Fact]
    public void ContentMd5DecodesSixteenBytes()
    {
        var digest = System.Security.Cryptography.MD5.HashData("hello"u8);
        var decoded = ContentMd5.Read(Convert.ToBase64String(digest));
        Assert.NotNull(decoded);
        Assert.Equal(digest, decoded.Value.ToArray());
    }

    [Fact]
    public void AbsentContentMd5IsNull()
    {
        Assert.Null(ContentMd5.Read((string?)null));
        Assert.Null(ContentMd5.Read(new HeaderDictionary()));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("\t")]
    [InlineData("not base64!")]
    [InlineData("XrY7u+Ae7tCTyyK7j1rNww==,XrY7u+Ae7tCTyyK7j1rNww==")]
    [InlineData("AAAAAAAAAAAAAAAAAAAA")]
    public void ASentContentMd5ThatIsEmptyBlankOrInvalidIsInvalidDigest(string header)
    {
        var e = Assert.Throws<S3Exception>(() => ContentMd5.Read(new HeaderDictionary { ["Content-MD5"] = header }));
        Assert.Same(S3Errors.InvalidDigest, e.Error);
    }

    [Fact]
    public void ASentContentMd5IsDecodedFromTheHeaders()
    {
        var digest = System.Security.Cryptography.MD5.HashData("hello"u8);
        Assert.Equal(digest, ContentMd5.Read(new HeaderDictionary { ["content-md5"] = " " + Convert.ToBase64String(digest) + " " })!.Value.ToArray());
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("XrY7u+Ae7tCTyyK7j1rNww")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAA==AA")]
    public void InvalidBase64ContentMd5IsInvalidDigest(string header)
    {
        var e = Assert.Throws<S3Exception>(() => ContentMd5.Read(header));
        Assert.Same(S3Errors.InvalidDigest, e.Error);
    }

    [Theory]
    [InlineData(15)]
    [InlineData(17)]
    [InlineData(20)]
    [InlineData(1)]
    public void WrongLengthContentMd5IsInvalidDigest(int length)
    {
        var e = Assert.Throws<S3Exception>(() => ContentMd5.Read(Convert.ToBase64String(new byte[length])));
        Assert.Same(S3Errors.InvalidDigest, e.Error);
    }
}
