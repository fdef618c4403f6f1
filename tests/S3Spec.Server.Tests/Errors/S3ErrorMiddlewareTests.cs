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
    public async Task A_storage_error_without_a_row_is_answered_deliberately_and_logged_with_its_errno()
    {
        var context = S3ErrorWriterTests.Context("GET", "/b/k");
        var logged = new List<string>();
        var middleware = new S3ErrorMiddleware(
            _ => throw new S3Exception(S3Errors.InternalError, null, new IOException("open object: errno 9 (unmapped)")),
            new S3ErrorWriter(XmlTestSupport.Serializer), new ListLogger(logged));
        await middleware.InvokeAsync(context);
        Assert.Equal(500, context.Response.StatusCode);
        Assert.Equal("InternalError", S3ErrorWriterTests.Body(context)["Code"]!.InnerText);
        Assert.Contains(logged, l => l.Contains("errno 9 (unmapped)", StringComparison.Ordinal));
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

/// <summary>Keeps each log line with its exception's message.</summary>
internal sealed class ListLogger(List<string> lines) : Microsoft.Extensions.Logging.ILogger<S3ErrorMiddleware>
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

    public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        lines.Add(formatter(state, exception) + " " + exception?.Message);
}
