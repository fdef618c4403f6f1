using Microsoft.AspNetCore.Mvc;
using S3Spec.Core.Errors;
using S3Spec.Server.Api;
using S3Spec.Server.Protocol;
using S3Spec.Storage.Contract;

namespace S3Spec.Server.Handlers;

/// <summary>
/// DeleteObjects: up to 1,000 keys, each deleted like DeleteObject; a failure is reported for that key only.
/// As in S3 the body must carry Content-MD5 or an x-amz-checksum-* header (the body stream verifies either).
/// </summary>
internal sealed class ObjectDeleter(IObjectStore store)
{
    public const int MaxKeys = 1000;

    public async Task<ActionResult<DeleteResult>> DeleteAsync(DeleteObjectsInput input, Delete? body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var bucket = input.Bucket;
        var hasIntegrity = ContentMd5.Read(input.ContentMD5) is not null || input.XAmzChecksumHeaders.Count > 0 || input.XAmzSdkChecksumAlgorithm is not null;
        if (!hasIntegrity)
        {
            throw new S3Exception(S3Errors.InvalidRequest, "Missing required header for this request: Content-MD5 (or an x-amz-checksum-* header).");
        }

        if (store.GetVolume(bucket) is null)
        {
            throw new S3Exception(S3Errors.NoSuchBucket);
        }

        var objects = body?.Objects;
        if (objects is null || objects.Count == 0 || objects.Count > MaxKeys)
        {
            throw new S3Exception(S3Errors.MalformedXML, $"A Delete request names 1 to {MaxKeys} objects.");
        }

        var quiet = body!.Quiet == true;
        var result = new DeleteResult { Deleted = [], Errors = [] };
        foreach (var o in objects)
        {
            if (string.IsNullOrEmpty(o.Key))
            {
                throw new S3Exception(S3Errors.MalformedXML, "Every Object of a Delete request needs a Key.");
            }

            try
            {
                VersionIds.RequireNull(o.VersionId);
                await store.DeleteObjectAsync(bucket, o.Key, cancellationToken);
                if (!quiet)
                {
                    result.Deleted.Add(new DeletedObject { Key = o.Key, VersionId = o.VersionId });
                }
            }
            catch (S3Exception e)
            {
                result.Errors.Add(new DeleteError { Key = o.Key, VersionId = o.VersionId, Code = e.Error.Code, Message = e.Message });
            }
        }

        return result;
    }
}
