using Microsoft.AspNetCore.Http;
using S3Spec.Server.Errors;

namespace S3Spec.Server.Tests.Errors;

public sealed class RequestIdMiddlewareTests
{
    [Fact]
    public async Task EachRequestGetsADistinctHexId()
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 20; i++)
        {
            var context = new DefaultHttpContext();
            string? seen = null;
            await new RequestIdMiddleware(c =>
            {
                seen = c.TraceIdentifier;
                return Task.CompletedTask;
            }, Microsoft.Extensions.Logging.Abstractions.NullLogger<RequestIdMiddleware>.Instance).InvokeAsync(context);

            Assert.NotNull(seen);
            Assert.Equal(16, seen.Length);
            Assert.True(seen.All(char.IsAsciiHexDigitUpper), seen);
            ids.Add(seen);
        }

        Assert.Equal(20, ids.Count);
    }
}
