using Microsoft.AspNetCore.Http;
using S3Spec.Core.Errors;
using S3Spec.Server.Handlers;
using S3Spec.Storage.Contract;

namespace S3Spec.Server.Tests.Handlers;

public sealed class ObjectHeadersTests
{
    [Fact]
    public void StoredValuesAHeaderCannotCarryAreLeftOutAndCounted()
    {
        // Records written before control bytes were refused (or by other tools) must still be served.
        var response = Write(new ObjectMetadata
        {
            ContentType = "text/plain\u0001",
            ContentDisposition = "attachment\r\nX-Injected: yes",
            CacheControl = "no-cache",
            User = new Dictionary<string, string> { ["ok"] = "K\u00c3\u00b6ln", ["bad"] = "a\u000bb", ["worse"] = "\u007f", ["wide"] = "\u20ac" },
        });

        Assert.Equal(ObjectHeaders.DefaultContentType, response.Headers.ContentType.ToString());
        Assert.False(response.Headers.ContainsKey("Content-Disposition"));
        Assert.False(response.Headers.ContainsKey("X-Injected"));
        Assert.Equal("no-cache", response.Headers.CacheControl.ToString());
        Assert.Equal("K\u00c3\u00b6ln", response.Headers["x-amz-meta-ok"].ToString());
        Assert.Equal("\u00e2\u0082\u00ac", response.Headers["x-amz-meta-wide"].ToString());
        Assert.False(response.Headers.ContainsKey("x-amz-meta-bad"));
        Assert.Equal("2", response.Headers["x-amz-missing-meta"].ToString());
    }

    [Fact]
    public void NoMissingMetaHeaderWhenEverythingIsSent()
    {
        var response = Write(new ObjectMetadata { User = new Dictionary<string, string> { ["a"] = "b" } });
        Assert.False(response.Headers.ContainsKey("x-amz-missing-meta"));
    }

    [Fact]
    public void OverridesAreTheUtf8BytesOfTheirText()
    {
        var overrides = ResponseOverrides.FromQuery("text/plain; charset=caf\u00e9", null, null, null, "attachment; filename=\"r\u00e9sum\u00e9.pdf\"", null);
        var response = Write(new ObjectMetadata { ContentType = "application/json" }, overrides);
        Assert.Equal("text/plain; charset=caf\u00c3\u00a9", response.Headers.ContentType.ToString());
        Assert.Equal("attachment; filename=\"r\u00c3\u00a9sum\u00c3\u00a9.pdf\"", response.Headers.ContentDisposition.ToString());
    }

    [Theory]
    [InlineData("text/plain\r\nX-Injected: yes")]
    [InlineData("text/plain\u0001")]
    [InlineData("\n")]
    [InlineData("a\u007f")]
    public void OverridesWithControlCharactersAreInvalidArgument(string value)
    {
        var e = Assert.Throws<S3Exception>(() => ResponseOverrides.FromQuery(value, null, null, null, null, null));
        Assert.Same(S3Errors.InvalidArgument, e.Error);
        Assert.Contains("response-content-type", e.Message, StringComparison.Ordinal);
        Assert.Throws<S3Exception>(() => ResponseOverrides.FromQuery(null, null, null, null, null, value));
    }

    private static HttpResponse Write(ObjectMetadata metadata, ResponseOverrides? overrides = null)
    {
        var context = new DefaultHttpContext();
        var info = new ObjectInfo { Key = "k", Size = 1, LastModified = DateTimeOffset.UnixEpoch, ETag = "\"e\"", Metadata = metadata };
        ObjectHeaders.Write(context.Response, info, 1, overrides);
        return context.Response;
    }
}
