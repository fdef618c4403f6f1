using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using S3Spec.Server.Hosting;
using S3Spec.Server.Routing;

namespace S3Spec.Server.Tests.Routing;

/// <summary>
/// The direct dispatch selects what MVC's routing selects: for every request shape × method × sub-resource (each
/// S3 sub-resource parameter alone, the operations' discriminators, the copy-source header), the operation the
/// table selects is either none (MVC routes the request) or exactly the one MVC's endpoint routing picks in the
/// real host, and the hot operations are selected directly.
/// </summary>
public sealed class DirectOperationTableTests
{
    private static readonly string[] Targets = ["/", "/b", "/b/k"];

    private static readonly string[] Methods = ["GET", "HEAD", "PUT", "POST", "DELETE", "get", "OPTIONS"];

    private static IEnumerable<(string Query, string? Header)> SubResources()
    {
        yield return (string.Empty, null);
        yield return (string.Empty, "x-amz-copy-source");
        foreach (var name in S3OperationAttribute.SubResources)
        {
            yield return (name, null);
            yield return (name + "=1", null);
            yield return (name + "=2", "x-amz-copy-source");
        }

        foreach (var query in (string[])["list-type=2", "list-type=1", "partNumber=1&uploadId=u", "uploadId=u", "uploads", "versionId=null&partNumber=1", "x-id=GetObject", "prefix=a&delimiter=/", "select&select-type=2"])
        {
            yield return (query, null);
            yield return (query, "x-amz-copy-source");
        }
    }

    [Fact]
    public async Task SelectsWhatMvcSelectsOrNothing()
    {
        using var temp = new TempDirectory();
        await using var app = S3SpecHost.Build(["--urls", "http://127.0.0.1:0", "--data-root", temp.Path, "--access-key", "AK", "--secret-key", "SK"]);
        var sources = ((IEndpointRouteBuilder)app).DataSources.ToArray();
        var table = DirectOperationTable.Build(sources.SelectMany(static d => d.Endpoints));
        var mvc = MvcSelection(app.Services, sources);

        var direct = new HashSet<string>(StringComparer.Ordinal);
        var compared = 0;
        foreach (var target in Targets)
        {
            foreach (var method in Methods)
            {
                foreach (var (query, header) in SubResources())
                {
                    var raw = query.Length == 0 ? target : target + "?" + query;
                    var selected = table.Select(Request(app.Services, method, raw, header).Request, S3TargetParser.Parse(raw));
                    var expected = await mvc(Request(app.Services, method, raw, header));
                    if (selected is not null)
                    {
                        Assert.True(expected == selected.Operation.OperationId, $"{method} {raw} {header}: direct {selected.Operation.OperationId}, MVC {expected ?? "(none)"}");
                        direct.Add(selected.Operation.OperationId);
                        compared++;
                    }
                }
            }
        }

        Assert.True(compared > 100, compared.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var hot in (string[])["GetObject", "HeadObject", "PutObject", "DeleteObject", "ListObjectsV2", "ListObjects", "HeadBucket", "ListBuckets", "UploadPart", "CopyObject"])
        {
            Assert.Contains(hot, direct);
        }

        // Operations with an XML body stay with MVC (its input formatter reads the body).
        Assert.DoesNotContain("CompleteMultipartUpload", direct);
        Assert.DoesNotContain("DeleteObjects", direct);
    }

    [Fact]
    public void AnEndpointItCannotReproduceLeavesEverythingToMvc()
    {
        var operation = new S3OperationAttribute("GetObject", string.Empty, string.Empty);
        var odd = new RouteEndpoint(static _ => Task.CompletedTask, Microsoft.AspNetCore.Routing.Patterns.RoutePatternFactory.Parse("{**rest}"), 0,
            new EndpointMetadataCollection(operation, new HttpMethodMetadata(["GET"])), "odd");
        var table = DirectOperationTable.Build([odd]);
        Assert.Null(table.Select(Request(null, "GET", "/b/k", null).Request, S3TargetParser.Parse("/b/k")));
    }

    private static DefaultHttpContext Request(IServiceProvider? services, string method, string raw, string? header)
    {
        var target = S3TargetParser.Parse(raw);
        var http = new DefaultHttpContext { RequestServices = services! };
        http.Request.Method = method;
        http.Request.Path = target.IsService ? "/" : target.IsObject ? "/_/_" : "/_";
        http.Request.QueryString = target.RawQuery.Length == 0 ? QueryString.Empty : new QueryString("?" + target.RawQuery);
        if (header is not null)
        {
            http.Request.Headers[header] = "src/k";
        }

        return http;
    }

    /// <summary>The operation MVC's endpoint routing selects in the host's own route table (null: none, or the fallback).</summary>
    private static Func<HttpContext, Task<string?>> MvcSelection(IServiceProvider services, EndpointDataSource[] sources)
    {
        var builder = new ApplicationBuilder(services);
        builder.UseRouting();
        builder.Use(static next => static context =>
        {
            context.Items["selected"] = context.GetEndpoint()?.Metadata.GetMetadata<S3OperationAttribute>()?.OperationId;
            return Task.CompletedTask;
        });
        builder.UseEndpoints(endpoints =>
        {
            foreach (var source in sources)
            {
                endpoints.DataSources.Add(source);
            }
        });
        var pipeline = builder.Build();
        return async context =>
        {
            await pipeline(context);
            return context.Items["selected"] as string;
        };
    }
}
