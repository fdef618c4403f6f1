using Microsoft.AspNetCore.Mvc;
using S3Spec.Core.Errors;
using S3Spec.Server.Api;
using S3Spec.Server.Requests;
using S3Spec.Storage.Contract;

namespace S3Spec.Server.Handlers;

/// <summary>Bucket-level operations. Buckets are volumes made by the operator: they are never created or removed over S3.</summary>
internal sealed class BucketHandler(IObjectStore store, ObjectLister lister, S3Spec.Auth.Settings.AuthOptions auth) : BucketControllerBase
{
    public override Task<ActionResult<LocationConstraint>> GetBucketLocation(GetBucketLocationInput input, CancellationToken cancellationToken)
    {
        store.RequireVolume(input.Bucket);
        return Task.FromResult<ActionResult<LocationConstraint>>(new LocationConstraint { Region = auth.Region });
    }

    public override Task<ActionResult<VersioningConfiguration>> GetBucketVersioning(GetBucketVersioningInput input, CancellationToken cancellationToken)
    {
        store.RequireVolume(input.Bucket);
        return Task.FromResult<ActionResult<VersioningConfiguration>>(new VersioningConfiguration());
    }

    public override Task<IActionResult> HeadBucket(HeadBucketInput input, CancellationToken cancellationToken)
    {
        store.RequireVolume(input.Bucket);
        return Task.FromResult<IActionResult>(Ok());
    }

    public override Task<IActionResult> CreateBucket(CreateBucketInput input, CancellationToken cancellationToken)
    {
        if (store.GetVolume(input.Bucket) is not null)
        {
            throw new S3Exception(S3Errors.BucketAlreadyOwnedByYou);
        }

        throw new S3Exception(S3Errors.VolumeManagedByOperator);
    }

    public override Task<IActionResult> DeleteBucket(DeleteBucketInput input, CancellationToken cancellationToken)
    {
        store.RequireVolume(input.Bucket);
        throw new S3Exception(S3Errors.VolumeManagedByOperator);
    }

    public override async Task<ActionResult<ListBucketResult>> ListObjects(ListObjectsInput input, CancellationToken cancellationToken)
    {
        var (bucket, prefix, delimiter, marker) = (input.Bucket, input.Prefix, input.Delimiter, input.Marker);
        store.RequireVolume(bucket);
        var url = ListingCodec.ParseEncodingType(input.EncodingType);
        var maxKeys = ListingCodec.ParseMax(input.MaxKeys, "max-keys", 1000);
        ListingCodec.RequireEchoable(prefix, "prefix", url);
        ListingCodec.RequireEchoable(delimiter, "delimiter", url);
        ListingCodec.RequireEchoable(marker, "marker", url);
        var page = await lister.ListAsync(bucket, prefix, delimiter, marker, maxKeys, url, Owners.Of(HttpContext.AccessKey()), cancellationToken);
        return new ListBucketResult
        {
            Name = bucket,
            Prefix = ListingCodec.UrlEncode(prefix ?? string.Empty, url),
            Marker = ListingCodec.UrlEncode(marker ?? string.Empty, url),
            NextMarker = page.IsTruncated ? ListingCodec.UrlEncode(page.LastReturned, url) : null,
            MaxKeys = maxKeys,
            Delimiter = ListingCodec.UrlEncode(Values.OrNull(delimiter), url),
            IsTruncated = page.IsTruncated,
            EncodingType = url ? "url" : null,
            Contents = page.Contents,
            CommonPrefixes = page.CommonPrefixes,
        };
    }

    public override async Task<ActionResult<ListBucketV2Result>> ListObjectsV2(ListObjectsV2Input input, CancellationToken cancellationToken)
    {
        var (bucket, prefix, delimiter) = (input.Bucket, input.Prefix, input.Delimiter);
        store.RequireVolume(bucket);
        var url = ListingCodec.ParseEncodingType(input.EncodingType);
        var maxKeys = ListingCodec.ParseMax(input.MaxKeys, "max-keys", 1000);
        ListingCodec.RequireEchoable(prefix, "prefix", url);
        ListingCodec.RequireEchoable(delimiter, "delimiter", url);
        ListingCodec.RequireEchoable(input.StartAfter, "start-after", url);
        var after = string.IsNullOrEmpty(input.ContinuationToken) ? Values.OrNull(input.StartAfter) : ListingCodec.DecodeToken(input.ContinuationToken);
        var fetchOwner = string.Equals(input.FetchOwner, "true", StringComparison.OrdinalIgnoreCase);
        var page = await lister.ListAsync(bucket, prefix, delimiter, after, maxKeys, url, fetchOwner ? Owners.Of(HttpContext.AccessKey()) : null, cancellationToken);
        var contents = page.Contents;
        var prefixes = page.CommonPrefixes;
        return new ListBucketV2Result
        {
            Name = bucket,
            Prefix = ListingCodec.UrlEncode(prefix ?? string.Empty, url),
            Delimiter = ListingCodec.UrlEncode(Values.OrNull(delimiter), url),
            MaxKeys = maxKeys,
            KeyCount = contents.Count + prefixes.Count,
            IsTruncated = page.IsTruncated,
            ContinuationToken = input.ContinuationToken,
            NextContinuationToken = page.IsTruncated && page.LastReturned is not null ? ListingCodec.EncodeToken(page.LastReturned) : null,
            StartAfter = ListingCodec.UrlEncode(Values.OrNull(input.StartAfter), url),
            EncodingType = url ? "url" : null,
            Contents = contents,
            CommonPrefixes = prefixes,
        };
    }


}
