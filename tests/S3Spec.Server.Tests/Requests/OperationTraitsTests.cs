using System.Reflection;
using Microsoft.AspNetCore.Mvc.Routing;
using S3Spec.Server.Api;
using S3Spec.Server.Requests;
using S3Spec.Server.Routing;

namespace S3Spec.Server.Tests.Requests;

/// <summary>The operation traits generated from the spec's x-s3-* extensions, against what was hard-coded before them.</summary>
public sealed class OperationTraitsTests
{
    private static IEnumerable<(string Method, S3OperationAttribute Operation)> Actions() =>
        typeof(S3OperationTable).Assembly.GetTypes()
            .Where(t => t.Namespace == "S3Spec.Server.Api" && t.Name.EndsWith("ControllerBase", StringComparison.Ordinal))
            .SelectMany(t => t.GetMethods())
            .Select(m => (m.GetCustomAttribute<HttpMethodAttribute>(), m.GetCustomAttribute<S3OperationAttribute>()))
            .Where(a => a.Item1 is not null && a.Item2 is not null)
            .Select(a => (a.Item1!.HttpMethods.Single(), a.Item2!));

    [Fact]
    public void EveryGeneratedActionCarriesItsOperationsTraits()
    {
        var actions = Actions().ToList();
        Assert.Equal(S3OperationTable.All.Count, actions.Count);
        foreach (var (_, operation) in actions)
        {
            Assert.Same(S3OperationTable.Find(operation.OperationId), operation.Traits);
        }
    }

    [Fact]
    public void AnOperationWritesExactlyWhenItsMethodIsNeitherGetNorHead()
    {
        foreach (var (method, operation) in Actions())
        {
            Assert.True(operation.Traits.Writes == (method is not "GET" and not "HEAD"), $"{operation.OperationId} ({method})");
        }
    }

    [Fact]
    public void TheRunpodProfileRefusesDeleteObjectsAndGetBucketLocationOnly()
    {
        Assert.Equal(["DeleteObjects", "GetBucketLocation"], S3OperationTable.All.Where(t => t.IsRefusedBy("runpod")).Select(t => t.OperationId).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(S3OperationTable.All, t => t.IsRefusedBy("full"));
    }

    [Fact]
    public void OnlyCompleteMultipartUploadsChecksumCoversTheObject()
    {
        Assert.Equal(["CompleteMultipartUpload"], S3OperationTable.All.Where(t => t.Checksum == ChecksumScope.Object).Select(t => t.OperationId));
        Assert.All(S3OperationTable.All, t => Assert.True(t.AllowsPresigned, t.OperationId));
    }

    [Fact]
    public void AnOperationNotInTheSpecIsAnError()
    {
        Assert.Throws<InvalidOperationException>(() => S3OperationTable.Find("PutBucketTagging"));
    }
}
