using S3Spec.Core.Errors;
using S3Spec.Storage.Metadata;
using S3Spec.Posix;
using S3Spec.Storage.Contract;
using S3Spec.Storage.Posix;

namespace S3Spec.Storage.Writing;

/// <summary>
/// Conditional write headers of Put, Copy and Complete: <c>If-None-Match: *</c> (publish only when the key does not
/// exist) and <c>If-Match: etag</c> (publish only over the object with that ETag). Evaluated once early (fail fast)
/// and again under the key lock right before the rename (<see cref="Publisher"/>).
/// </summary>
internal sealed class WriteConditions
{
    private WriteConditions(bool ifNoneMatchAny, string? ifMatch)
    {
        IfNoneMatchAny = ifNoneMatchAny;
        IfMatch = ifMatch;
    }

    public bool IfNoneMatchAny { get; }

    /// <summary>Normalised (unquoted, lower-case) ETag, or "*".</summary>
    public string? IfMatch { get; }

    /// <summary>Null when neither header is present. Any If-None-Match other than "*" is NotImplemented.</summary>
    public static WriteConditions? Parse(string? ifNoneMatch, string? ifMatch)
    {
        var none = !string.IsNullOrWhiteSpace(ifNoneMatch);
        var match = !string.IsNullOrWhiteSpace(ifMatch);
        if (!none && !match)
        {
            return null;
        }

        if (none && ifNoneMatch!.Trim() != "*")
        {
            throw new S3Exception(S3Errors.NotImplemented,
                "A conditional write supports only If-None-Match: * (write only when the key does not exist).");
        }

        return new WriteConditions(none, match ? ETags.Normalize(ifMatch!) : null);
    }

    /// <summary>
    /// Compares with the object currently at the key (the ETag a HEAD answers). If-Match on a missing key:
    /// NoSuchKey; otherwise a failed condition is PreconditionFailed.
    /// </summary>
    public void Check(Volume vol, ParsedKey key, MetadataStore metadata)
    {
        var current = CurrentETag(vol, key, metadata);
        if (IfMatch is not null)
        {
            if (current is null)
            {
                throw new S3Exception(S3Errors.NoSuchKey);
            }

            if (IfMatch != "*" && IfMatch != current)
            {
                throw new S3Exception(S3Errors.PreconditionFailed, "If-Match: the object's ETag differs.");
            }
        }

        if (IfNoneMatchAny && current is not null)
        {
            throw new S3Exception(S3Errors.PreconditionFailed, "If-None-Match: the object already exists.");
        }
    }

    private static string? CurrentETag(Volume vol, ParsedKey key, MetadataStore metadata) =>
        StaleRetry.Run((Vol: vol, Key: key, Metadata: metadata), static s => CurrentETagOnce(s.Vol, s.Key, s.Metadata));

    private static string? CurrentETagOnce(Volume vol, ParsedKey key, MetadataStore metadata)
    {
        if (key.IsDirectory)
        {
            var d = Resolver.TryOpen(vol, key.Path, Libc.O_RDONLY | Libc.O_DIRECTORY, out var dir);
            dir?.Dispose();
            return d == 0 ? ETags.EmptyMd5 : null;
        }

        var e = Resolver.TryOpen(vol, key.Path, Libc.O_RDONLY | Libc.O_NONBLOCK, out var h);
        if (e is Errno.ENOENT or Errno.ENOTDIR)
        {
            return null;
        }

        if (e != 0)
        {
            throw FsErrors.Map(e, FsOp.Read, "open current object");
        }

        using (h)
        {
            var st = Fs.Fstat(h!, FsOp.Read);
            if (st.IsDirectory)
            {
                return null; // not an object; the publish itself answers ExistingObjectIsDirectory
            }

            if (!st.IsRegular)
            {
                throw new S3Exception(S3Errors.NotRegularFile);
            }

            return ETags.Normalize(ObjectInfos.File(key.Key, st, metadata.Read(vol, h!, key.Path, st)).ETag);
        }
    }
}
