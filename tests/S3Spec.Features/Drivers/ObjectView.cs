using Amazon.S3.Model;

namespace S3Spec.Features.Drivers;

/// <summary>The headers of a GetObject or HeadObject answer, in one shape for assertions.</summary>
public sealed record ObjectView(string ETag, string? ContentType, long ContentLength, IReadOnlyDictionary<string, string> Metadata, string? VersionId, string? ContentRange, DateTime? LastModified)
{
    public static ObjectView From(GetObjectResponse r) =>
        new(r.ETag, r.Headers.ContentType, r.ContentLength, Meta(r.Metadata), r.VersionId, r.ContentRange, r.LastModified);

    public static ObjectView From(GetObjectMetadataResponse r) =>
        new(r.ETag, r.Headers.ContentType, r.ContentLength, Meta(r.Metadata), r.VersionId, null, r.LastModified);

    private static Dictionary<string, string> Meta(MetadataCollection metadata) =>
        metadata.Keys.ToDictionary(k => k.StartsWith("x-amz-meta-", StringComparison.OrdinalIgnoreCase) ? k["x-amz-meta-".Length..].ToLowerInvariant() : k.ToLowerInvariant(), k => metadata[k], StringComparer.OrdinalIgnoreCase);
}
