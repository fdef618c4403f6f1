using S3Spec.Server.Api;
using S3Spec.Storage.Contract;

namespace S3Spec.Server.Handlers;

/// <summary>
/// Runs one listing page for ListObjects v1/v2 and shapes it for XML. A key that XML 1.0 cannot carry is returned
/// only with EncodingType=url; otherwise the walk passes over it (not counted, never the NextMarker) and logs it.
/// </summary>
internal sealed partial class ObjectLister(IObjectStore store, ILogger<ObjectLister> logger)
{
    public async Task<ListedPage> ListAsync(
        string bucket, string? prefix, string? delimiter, string? startAfter, int maxKeys, bool urlEncoded, Owner? owner, CancellationToken cancellationToken)
    {
        var page = await store.ListObjectsAsync(bucket, new ListObjectsRequest
        {
            Prefix = prefix ?? string.Empty,
            Delimiter = string.IsNullOrEmpty(delimiter) ? null : delimiter,
            StartAfter = startAfter,
            MaxKeys = maxKeys,
            Returnable = urlEncoded ? null : key => Carried(bucket, key),
        }, cancellationToken);

        var objects = new List<ListedObject>(page.Objects.Count);
        foreach (var o in page.Objects)
        {
            objects.Add(new ListedObject
            {
                Key = ListingCodec.UrlEncode(o.Key, urlEncoded),
                LastModified = o.LastModified,
                ETag = o.ETag,
                Size = o.Size,
                StorageClass = Protocol.StorageClass.Standard,
                Owner = owner,
                ChecksumAlgorithm = o.Checksums.Count == 0 ? null : [.. o.Checksums.Keys.Order(StringComparer.Ordinal)],
                ChecksumType = ChecksumTypes.Of(o.Checksums),
            });
        }

        var prefixes = new List<CommonPrefix>(page.CommonPrefixes.Count);
        foreach (var p in page.CommonPrefixes)
        {
            prefixes.Add(new CommonPrefix { Prefix = ListingCodec.UrlEncode(p, urlEncoded) });
        }

        return new ListedPage(objects, prefixes, page.IsTruncated, page.LastReturned);
    }

    private bool Carried(string bucket, string key)
    {
        if (ListingCodec.IsXmlSafe(key))
        {
            return true;
        }

        LogSkipped(logger, bucket, ListingCodec.UrlEncode(key, true)!);
        return false;
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Warning, Message = "Listing of volume {Volume} skipped key {EncodedKey}: XML 1.0 cannot carry it (ask with encoding-type=url)")]
    private static partial void LogSkipped(ILogger logger, string volume, string encodedKey);
}

internal sealed record ListedPage(List<ListedObject> Contents, List<CommonPrefix> CommonPrefixes, bool IsTruncated, string? LastReturned);
