using System.Text;
using System.Xml;
using Microsoft.AspNetCore.Http;
using S3Spec.Core.Errors;
using S3Spec.Server.Errors;
using S3Spec.Server.Routing;
using S3Spec.Server.Tests.Xml;

namespace S3Spec.Server.Tests.Errors;

public sealed class S3ErrorWriterTests
{
    internal static DefaultHttpContext Context(string method, string rawTarget)
    {
        var context = new DefaultHttpContext { TraceIdentifier = "REQ123" };
        context.Request.Method = method;
        context.Features.Set(S3TargetParser.Parse(rawTarget));
        context.Response.Body = new MemoryStream();
        return context;
    }

    internal static XmlElement Body(HttpContext context)
    {
        var doc = new XmlDocument();
        doc.LoadXml(Encoding.UTF8.GetString(((MemoryStream)context.Response.Body).ToArray()));
        return doc.DocumentElement!;
    }

    private static S3ErrorWriter Writer() => new(XmlTestSupport.Serializer);

    [Fact]
    public async Task WritesStatusAndXmlBody()
    {
        var context = Context("PUT", "/b/k");
        await Writer().WriteAsync(context, S3Errors.InvalidDigest, "custom message", []);

        Assert.Equal(400, context.Response.StatusCode);
        Assert.Equal("application/xml", context.Response.ContentType);
        var error = Body(context);
        Assert.Equal("Error", error.LocalName);
        Assert.Equal(string.Empty, error.NamespaceURI);
        Assert.Equal("InvalidDigest", error["Code"]!.InnerText);
        Assert.Equal("custom message", error["Message"]!.InnerText);
        Assert.Equal("/b/k", error["Resource"]!.InnerText);
        Assert.Equal("REQ123", error["RequestId"]!.InnerText);
        Assert.Null(error["Key"]);
        Assert.Null(error["BucketName"]);
    }

    [Fact]
    public async Task ClientValuesXmlCannotCarryAreWrittenPercentEncoded()
    {
        // A key with a control byte is a valid S3 key; a refusal often quotes the client's own value.
        var context = Context("GET", "/b/a%01b%0Bc");
        await Writer().WriteAsync(context, S3Errors.NoSuchKey, "The value 'x\u0001y\uFFFF' is \ud800 refused", []);

        var error = Body(context);
        Assert.Equal("The value 'x%01y%EF%BF%BF' is %EF%BF%BD refused", error["Message"]!.InnerText);
        Assert.Equal("a%01b%0Bc", error["Key"]!.InnerText);
        Assert.Equal("/b/a%01b%0Bc", error["Resource"]!.InnerText);
    }

    [Fact]
    public async Task NotFoundNamesTheKeyAndBucket()
    {
        var context = Context("GET", "/b/dir/a%20b");
        await Writer().WriteAsync(context, S3Errors.NoSuchKey, S3Errors.NoSuchKey.Message, []);

        Assert.Equal(404, context.Response.StatusCode);
        var error = Body(context);
        Assert.Equal("NoSuchKey", error["Code"]!.InnerText);
        Assert.Equal("dir/a b", error["Key"]!.InnerText);
        Assert.Equal("b", error["BucketName"]!.InnerText);
        Assert.Equal("/b/dir/a b", error["Resource"]!.InnerText);
    }

    [Fact]
    public async Task DetailsAreWritten()
    {
        var context = Context("GET", "/b");
        await Writer().WriteAsync(context, S3Errors.AuthorizationHeaderMalformed, "m", [new("Region", "eu-ro-1")]);
        Assert.Equal("eu-ro-1", Body(context)["Region"]!.InnerText);
    }

    [Fact]
    public async Task HeadGetsNoBody()
    {
        var context = Context("HEAD", "/b/k");
        await Writer().WriteAsync(context, S3Errors.NoSuchKey, S3Errors.NoSuchKey.Message, []);
        Assert.Equal(404, context.Response.StatusCode);
        Assert.Equal(0, context.Response.Body.Length);
    }

    [Fact]
    public async Task NotModifiedGetsNoBody()
    {
        var context = Context("GET", "/b/k");
        await Writer().WriteAsync(context, S3Errors.NotModified, S3Errors.NotModified.Message, []);
        Assert.Equal(304, context.Response.StatusCode);
        Assert.Equal(0, context.Response.Body.Length);
    }

    [Fact]
    public async Task EarlierResponseHeadersAreCleared()
    {
        var context = Context("GET", "/b/k");
        context.Response.Headers.ETag = "\"stale\"";
        context.Response.StatusCode = 200;
        await Writer().WriteAsync(context, S3Errors.InternalError, S3Errors.InternalError.Message, []);
        Assert.Equal(500, context.Response.StatusCode);
        Assert.False(context.Response.Headers.ContainsKey("ETag"));
    }
}
