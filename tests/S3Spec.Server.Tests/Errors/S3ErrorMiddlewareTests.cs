using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using S3Spec.Core.Errors;
using S3Spec.Server.Errors;
using S3Spec.Server.Tests.Xml;

namespace S3Spec.Server.Tests.Errors;

public sealed class S3ErrorMiddlewareTests
{
    private static async Task<HttpContext> RunAsync(RequestDelegate next, string method = "GET")
    {
        var context = S3ErrorWriterTests.Context(method, "/b/k");
        var middleware = new S3ErrorMiddleware(next, new S3ErrorWriter(XmlTestSupport.Serializer), NullLogger<S3ErrorMiddleware>.Instance);
        await middleware.InvokeAsync(context);
        return context;
    }

    [Fact]
    public async Task S3ExceptionBecomesItsErrorResponse()
    {
        var context = await RunAsync(_ => throw new S3Exception(S3Errors.InvalidRange, "range message"));
        Assert.Equal(416, context.Response.StatusCode);
        var error = S3ErrorWriterTests.Body(context);
        Assert.Equal("InvalidRange", error["Code"]!.InnerText);
        Assert.Equal("range message", error["Message"]!.InnerText);
    }

    [Fact]
    public async Task UnexpectedExceptionIsInternalErrorWithoutItsMessage()
    {
        var context = await RunAsync(_ => throw new InvalidOperationException("secret internals"));
        Assert.Equal(500, context.Response.StatusCode);
        var error = S3ErrorWriterTests.Body(context);
        Assert.Equal("InternalError", error["Code"]!.InnerText);
        Assert.DoesNotContain("secret internals", error.OuterXml, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(StatusCodes.Status413PayloadTooLarge, "EntityTooLarge")]
    [InlineData(StatusCodes.Status408RequestTimeout, "RequestTimeout")]
    [InlineData(StatusCodes.Status400BadRequest, "IncompleteBody")]
    public async Task KestrelRequestErrorsMapToS3Errors(int status, string code)
    {
        var context = await RunAsync(_ => throw new BadHttpRequestException("kestrel", status));
        Assert.Equal(code, S3ErrorWriterTests.Body(context)["Code"]!.InnerText);
    }

    [Fact]
    public async Task SuccessPassesThrough()
    {
        var context = await RunAsync(c =>
        {
            c.Response.StatusCode = 204;
            return Task.CompletedTask;
        });
        Assert.Equal(204, context.Response.StatusCode);
        Assert.Equal(0, context.Response.Body.Length);
    }

    [Fact]
    public async Task HeadErrorHasNoBody()
    {
        var context = await RunAsync(_ => throw new S3Exception(S3Errors.AccessDenied), "HEAD");
        Assert.Equal(403, context.Response.StatusCode);
        Assert.Equal(0, context.Response.Body.Length);
    }
}
