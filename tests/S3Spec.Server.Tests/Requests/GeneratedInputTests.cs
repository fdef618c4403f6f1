using Microsoft.AspNetCore.Http;
using S3Spec.Server.Api;
using S3Spec.Server.Requests;
using S3Spec.Server.Routing;

namespace S3Spec.Server.Tests.Requests;

/// <summary>
/// The generated inputs read every declared value in one pass, with the rules ASP.NET Core's binding had: a value
/// sent empty or blank reads as absent unless the spec keeps it (x-s3-keep-empty); header families carry every header.
/// </summary>
public sealed class GeneratedInputTests
{
    private static DefaultHttpContext Context(string rawTarget, params (string Name, string Value)[] headers)
    {
        var context = new DefaultHttpContext();
        var target = S3TargetParser.Parse(rawTarget);
        context.Features.Set(target);
        var q = rawTarget.IndexOf('?', StringComparison.Ordinal);
        context.Request.QueryString = q < 0 ? QueryString.Empty : new QueryString(rawTarget[q..]);
        foreach (var (name, value) in headers)
        {
            context.Request.Headers.Append(name, value);
        }

        return context;
    }

    [Fact]
    public void PutObjectReadsItsHeadersAndFamiliesAsSent()
    {
        var context = Context("/vol/a/b.txt",
            ("Content-MD5", " "), ("If-None-Match", "*"), ("Content-Type", " "), ("x-amz-meta-One", "1"), ("X-Amz-Meta-two", "2"), ("x-amz-acl", "private"));
        var input = PutObjectInput.From(context);
        Assert.Equal("vol", input.Bucket);
        Assert.Equal("a/b.txt", input.Key);
        Assert.Equal(" ", input.ContentMD5);
        Assert.Equal("*", input.IfNoneMatch);
        Assert.Null(input.IfMatch);
        Assert.Equal(" ", input.ContentType);
        Assert.Null(input.Expires);
        Assert.Equal(["x-amz-meta-One", "X-Amz-Meta-two"], input.XAmzMetaHeaders.Select(h => h.Key));
        Assert.Equal(["1", "2"], input.XAmzMetaHeaders.Select(h => h.Value));
        Assert.Same(context.Request.Body, input.Body);
    }

    [Fact]
    public void BlankValuesReadAsAbsentUnlessTheSpecKeepsThem()
    {
        var input = ListObjectsV2Input.From(Context("/vol?list-type=2&prefix=&delimiter=%20&max-keys=&start-after=x&start-after=y&encoding-type=%20"));
        Assert.Equal("2", input.ListType);
        Assert.Equal(string.Empty, input.Prefix);
        Assert.Equal(" ", input.Delimiter);
        Assert.Null(input.ContinuationToken);
        Assert.Null(input.MaxKeys);
        Assert.Null(input.EncodingType);
        Assert.Equal("x", input.StartAfter);

        var copy = CopyObjectInput.From(Context("/vol/k", ("x-amz-copy-source", "src/k"), ("x-amz-metadata-directive", "  "), ("x-amz-copy-source-if-match", "\"a\""), ("x-amz-copy-source-if-match", "\"b\"")));
        Assert.Equal("src/k", copy.XAmzCopySource);
        Assert.Null(copy.XAmzMetadataDirective);
        Assert.Equal("\"a\",\"b\"", copy.XAmzCopySourceIfMatch);
    }

    [Fact]
    public void TheChecksumFamilyCarriesEveryChecksumHeader()
    {
        var input = CompleteMultipartUploadInput.From(Context("/vol/k?uploadId=u1", ("x-amz-checksum-crc32", "AAAAAA=="), ("x-amz-checksum-type", "COMPOSITE"), ("If-Match", " ")));
        Assert.Equal("u1", input.UploadId);
        Assert.Equal(["x-amz-checksum-crc32", "x-amz-checksum-type"], input.XAmzChecksumHeaders.Select(h => h.Key));
        Assert.Equal("COMPOSITE", input.XAmzChecksumType);
        Assert.Null(input.IfMatch);
        Assert.Empty(DeleteObjectsInput.From(Context("/vol?delete")).XAmzChecksumHeaders);
    }

    [Fact]
    public void InputValuesFollowBindingRules()
    {
        var headers = new HeaderDictionary { ["a"] = "", ["b"] = " x ", ["c"] = new(["1", "2"]) };
        Assert.Null(InputValues.Header(headers, "a"));
        Assert.Equal(string.Empty, InputValues.HeaderAsSent(headers, "a"));
        Assert.Null(InputValues.HeaderAsSent(headers, "missing"));
        Assert.Equal(" x ", InputValues.Header(headers, "B"));
        Assert.Equal("1,2", InputValues.Header(headers, "c"));
    }
}
