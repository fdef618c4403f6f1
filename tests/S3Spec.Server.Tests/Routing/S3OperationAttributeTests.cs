using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.ActionConstraints;
using Microsoft.AspNetCore.Routing;
using S3Spec.Server.Api;
using S3Spec.Server.Routing;

namespace S3Spec.Server.Tests.Routing;

public sealed class S3OperationAttributeTests
{
    private static S3OperationAttribute Generated(Type controller, string action) =>
        controller.GetMethod(action)!.GetCustomAttribute<S3OperationAttribute>()
        ?? throw new InvalidOperationException($"{controller.Name}.{action} has no S3Operation attribute.");

    private static bool Accepts(S3OperationAttribute attribute, string query, params string[] headers)
    {
        var http = new DefaultHttpContext();
        http.Request.QueryString = new QueryString(query);
        foreach (var h in headers)
        {
            http.Request.Headers[h] = "value";
        }

        return attribute.Accept(new ActionConstraintContext { RouteContext = new RouteContext(http) });
    }

    [Fact]
    public void ExactValueDiscriminatorNeedsThatValue()
    {
        var v2 = Generated(typeof(BucketControllerBase), nameof(BucketControllerBase.ListObjectsV2));
        Assert.Equal("?list-type=2", v2.Discriminator);
        Assert.True(Accepts(v2, "?list-type=2"));
        Assert.True(Accepts(v2, "?list-type=2&prefix=a&max-keys=3"));
        Assert.False(Accepts(v2, "?list-type=1"));
        Assert.False(Accepts(v2, "?list-type="));
        Assert.False(Accepts(v2, "?list-type"));
        Assert.False(Accepts(v2, string.Empty));
    }

    [Fact]
    public void PresenceDiscriminatorAcceptsAnEmptyValue()
    {
        var uploads = Generated(typeof(MultipartControllerBase), nameof(MultipartControllerBase.ListMultipartUploads));
        Assert.True(Accepts(uploads, "?uploads"));
        Assert.True(Accepts(uploads, "?uploads="));
        Assert.True(Accepts(uploads, "?uploads&prefix=x"));
        Assert.False(Accepts(uploads, string.Empty));
        Assert.False(Accepts(uploads, "?prefix=x"));
    }

    [Fact]
    public void EveryQueryDiscriminatorMustBePresent()
    {
        var part = Generated(typeof(MultipartControllerBase), nameof(MultipartControllerBase.UploadPart));
        Assert.True(Accepts(part, "?partNumber=1&uploadId=u"));
        Assert.False(Accepts(part, "?partNumber=1"));
        Assert.False(Accepts(part, "?uploadId=u"));
    }

    [Fact]
    public void HeaderDiscriminatorNeedsTheHeader()
    {
        var copy = Generated(typeof(ObjectControllerBase), nameof(ObjectControllerBase.CopyObject));
        Assert.Equal("#x-amz-copy-source", copy.Discriminator);
        Assert.True(Accepts(copy, string.Empty, "x-amz-copy-source"));
        Assert.True(Accepts(copy, string.Empty, "X-Amz-Copy-Source"));
        Assert.False(Accepts(copy, string.Empty));
        Assert.False(Accepts(copy, string.Empty, "x-amz-copy-source-range"));
    }

    [Fact]
    public void UndeclaredSubResourceIsRejected()
    {
        var list = Generated(typeof(BucketControllerBase), nameof(BucketControllerBase.ListObjects));
        Assert.True(Accepts(list, string.Empty));
        Assert.True(Accepts(list, "?prefix=a&delimiter=/&marker=m&max-keys=1&encoding-type=url"));
        Assert.False(Accepts(list, "?acl"));
        Assert.False(Accepts(list, "?versioning"));
        Assert.False(Accepts(list, "?list-type=2"));
        Assert.False(Accepts(list, "?uploads"));
        Assert.False(Accepts(list, "?prefix=a&policy"));

        var get = Generated(typeof(ObjectControllerBase), nameof(ObjectControllerBase.GetObject));
        Assert.True(Accepts(get, "?versionId=null&partNumber=1&response-content-type=text/plain"));
        Assert.False(Accepts(get, "?acl"));
        Assert.False(Accepts(get, "?tagging"));
        Assert.False(Accepts(get, "?uploadId=u"));
        Assert.False(Accepts(get, "?attributes"));

        var put = Generated(typeof(ObjectControllerBase), nameof(ObjectControllerBase.PutObject));
        Assert.False(Accepts(put, "?tagging"));
        Assert.False(Accepts(put, "?retention"));
    }

    [Fact]
    public void UnknownNonSubResourceParametersAreAccepted()
    {
        var list = Generated(typeof(BucketControllerBase), nameof(BucketControllerBase.ListObjects));
        Assert.True(Accepts(list, "?x-id=ListObjects"));
        Assert.True(Accepts(list, "?foo=bar&baz"));

        var v2 = Generated(typeof(BucketControllerBase), nameof(BucketControllerBase.ListObjectsV2));
        Assert.True(Accepts(v2, "?list-type=2&x-id=ListObjectsV2"));

        var put = Generated(typeof(ObjectControllerBase), nameof(ObjectControllerBase.PutObject));
        Assert.True(Accepts(put, "?x-id=PutObject"));
    }

    [Fact]
    public void DiscriminatorsCombineQueryAndHeader()
    {
        var attribute = new S3OperationAttribute("UploadPartCopy", "?partNumber&uploadId#x-amz-copy-source", "partNumber,uploadId");
        Assert.Equal(-3, attribute.Order);
        Assert.True(Accepts(attribute, "?partNumber=1&uploadId=u", "x-amz-copy-source"));
        Assert.False(Accepts(attribute, "?partNumber=1&uploadId=u"));
        Assert.False(Accepts(attribute, "?partNumber=1", "x-amz-copy-source"));
    }

    [Fact]
    public void MoreSpecificDiscriminatorsHaveAMoreNegativeOrder()
    {
        var list = Generated(typeof(BucketControllerBase), nameof(BucketControllerBase.ListObjects));
        var v2 = Generated(typeof(BucketControllerBase), nameof(BucketControllerBase.ListObjectsV2));
        var uploads = Generated(typeof(MultipartControllerBase), nameof(MultipartControllerBase.ListMultipartUploads));
        var get = Generated(typeof(ObjectControllerBase), nameof(ObjectControllerBase.GetObject));
        var listParts = Generated(typeof(MultipartControllerBase), nameof(MultipartControllerBase.ListParts));
        var put = Generated(typeof(ObjectControllerBase), nameof(ObjectControllerBase.PutObject));
        var copy = Generated(typeof(ObjectControllerBase), nameof(ObjectControllerBase.CopyObject));
        var part = Generated(typeof(MultipartControllerBase), nameof(MultipartControllerBase.UploadPart));

        Assert.Equal(0, list.Order);
        Assert.Equal(-1, v2.Order);
        Assert.Equal(-1, uploads.Order);
        Assert.True(listParts.Order < get.Order);
        Assert.True(copy.Order < put.Order);
        Assert.True(part.Order < copy.Order);
        Assert.True(part.Order < put.Order);
    }

    [Fact]
    public void OperationIdIsKept()
    {
        Assert.Equal("ListObjectsV2", Generated(typeof(BucketControllerBase), nameof(BucketControllerBase.ListObjectsV2)).OperationId);
    }
}
