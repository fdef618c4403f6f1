using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.ActionConstraints;
using Microsoft.AspNetCore.Mvc.Routing;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;
using S3Spec.Server.Api;
using S3Spec.Server.Routing;

namespace S3Spec.Server.Tests.Routing;

/// <summary>
/// Which generated operation a request selects, the way ASP.NET Core applies the constraints: among the actions of
/// the request's method whose route template matches the path routing sees (the shape "/", "/_" or "/_/_" that
/// S3TargetMiddleware rewrites), those whose constraint accepts, the most specific (lowest Order) first.
/// </summary>
public sealed class OperationSelectionTests
{
    private static readonly (string Method, string Template, S3OperationAttribute Operation)[] Operations =
        [.. typeof(ServiceControllerBase).Assembly.GetTypes()
            .Where(t => t.Namespace == typeof(ServiceControllerBase).Namespace && t.IsAbstract && t.IsSubclassOf(typeof(Microsoft.AspNetCore.Mvc.ControllerBase)))
            .SelectMany(t => t.GetMethods())
            .Select(m => (Http: m.GetCustomAttribute<HttpMethodAttribute>(), Op: m.GetCustomAttribute<S3OperationAttribute>()))
            .Where(x => x.Http is not null && x.Op is not null)
            .Select(x => (x.Http!.HttpMethods.Single(), x.Http.Template ?? string.Empty, x.Op!))];

    private static string? Select(string method, string rawTarget, params string[] headers)
    {
        var target = S3TargetParser.Parse(rawTarget);
        var shape = target.IsService ? "/" : target.IsObject ? "/_/_" : "/_";
        var http = new DefaultHttpContext();
        http.Request.Method = method;
        http.Request.QueryString = target.RawQuery.Length == 0 ? QueryString.Empty : new QueryString("?" + target.RawQuery);
        foreach (var h in headers)
        {
            http.Request.Headers[h] = "v";
        }

        var context = new ActionConstraintContext { RouteContext = new RouteContext(http) };
        S3OperationAttribute? best = null;
        foreach (var (m, t, op) in Operations)
        {
            if (m == method && Matches(t, shape) && op.Accept(context) && (best is null || op.Order < best.Order))
            {
                best = op;
            }
        }

        return best?.OperationId;
    }

    private static bool Matches(string template, string path) =>
        new TemplateMatcher(TemplateParser.Parse(template), []).TryMatch(path, []);

    [Theory]
    [InlineData("GET", "/b?partNumber=1")]
    [InlineData("HEAD", "/b?partNumber=1")]
    [InlineData("GET", "/b?versionId=null")]
    [InlineData("HEAD", "/b?versionId=null")]
    [InlineData("DELETE", "/b?versionId=null")]
    [InlineData("GET", "/b?tagging")]
    [InlineData("POST", "/b?uploads")]
    [InlineData("GET", "/b/?partNumber=1")]
    [InlineData("PUT", "/b?partNumber=1&uploadId=u")]
    [InlineData("POST", "/b?uploadId=u")]
    [InlineData("DELETE", "/b?uploadId=u")]
    public void ARequestWithoutAKeyNeverSelectsAnObjectOperation(string method, string target)
    {
        Assert.Null(Select(method, target));
    }

    [Fact]
    public void EveryObjectRouteNeedsItsKeySegment()
    {
        foreach (var (_, template, op) in Operations.Where(o => o.Template.Contains("key", StringComparison.Ordinal)))
        {
            Assert.False(Matches(template, "/_"), op.OperationId + ": " + template);
            Assert.True(Matches(template, "/_/_"), op.OperationId + ": " + template);
        }
    }

    [Theory]
    [InlineData("GET", "/", "ListBuckets")]
    [InlineData("GET", "/b", "ListObjects")]
    [InlineData("GET", "/b?prefix=a&x-id=ListObjects", "ListObjects")]
    [InlineData("GET", "/b?list-type=2", "ListObjectsV2")]
    [InlineData("GET", "/b?uploads", "ListMultipartUploads")]
    [InlineData("HEAD", "/b", "HeadBucket")]
    [InlineData("GET", "/b/k", "GetObject")]
    [InlineData("GET", "/b/k?versionId=null&partNumber=1", "GetObject")]
    [InlineData("HEAD", "/b/k", "HeadObject")]
    [InlineData("GET", "/b/k?uploadId=u", "ListParts")]
    [InlineData("PUT", "/b/k", "PutObject")]
    [InlineData("PUT", "/b/k?x-id=PutObject", "PutObject")]
    [InlineData("PUT", "/b/k?partNumber=1&uploadId=u", "UploadPart")]
    [InlineData("POST", "/b/k?uploads", "CreateMultipartUpload")]
    [InlineData("POST", "/b/k?uploadId=u", "CompleteMultipartUpload")]
    [InlineData("DELETE", "/b/k", "DeleteObject")]
    [InlineData("DELETE", "/b/k?uploadId=u", "AbortMultipartUpload")]
    [InlineData("GET", "/b?location", "GetBucketLocation")]
    [InlineData("GET", "/b?versioning", "GetBucketVersioning")]
    [InlineData("GET", "/b?acl", "GetBucketAcl")]
    [InlineData("PUT", "/b?acl", "PutBucketAcl")]
    [InlineData("GET", "/b/k?acl", "GetObjectAcl")]
    [InlineData("PUT", "/b/k?acl", "PutObjectAcl")]
    [InlineData("POST", "/b?delete", "DeleteObjects")]
    [InlineData("GET", "/b/k?tagging", "GetObjectTagging")]
    public void RequestSelectsItsOperation(string method, string target, string operationId)
    {
        Assert.Equal(operationId, Select(method, target));
    }

    [Fact]
    public void CopySourceHeaderSelectsCopyObject()
    {
        Assert.Equal("CopyObject", Select("PUT", "/b/k", "x-amz-copy-source"));
    }

    [Theory]
    [InlineData("GET", "/b?list-type=1")]
    [InlineData("DELETE", "/b/k?tagging")]
    [InlineData("PUT", "/b/k?tagging")]
    [InlineData("PUT", "/b?versioning")]
    [InlineData("GET", "/b?policy")]
    [InlineData("PUT", "/b?lifecycle")]
    [InlineData("POST", "/b/k?select&select-type=2")]
    [InlineData("POST", "/b/k")]
    [InlineData("POST", "/b/k?restore")]
    [InlineData("DELETE", "/b?policy")]
    [InlineData("PUT", "/b/k?uploadId=u")]
    public void UnservedOperationsSelectNothing(string method, string target)
    {
        Assert.Null(Select(method, target));
    }

    [Fact]
    public void UploadPartCopyIsNotTakenForUploadPart()
    {
        Assert.NotEqual("UploadPart", Select("PUT", "/b/k?partNumber=1&uploadId=u", "x-amz-copy-source"));
    }
}
