using S3Spec.Posix;
using S3Spec.Storage.Contract;

namespace S3Spec.Storage.Metadata;

/// <summary>Builds <see cref="ObjectInfo"/>s from a stat and the (identity-checked) record, never from content.</summary>
internal static class ObjectInfos
{
    public static ObjectInfo File(string key, in StatxBuffer st, ObjectRecord? rec) => new()
    {
        Key = key,
        Size = (long)st.Size,
        LastModified = st.LastModified,
        ETag = ETags.Quote(rec is { ETag.Length: > 0 } ? rec.ETag : ETags.External(st.Ino, (long)st.Size, st.MtimeNs)),
        Metadata = rec?.Metadata ?? ObjectMetadata.Empty,
    };

    /// <summary>A file described from its stat and an answer read earlier under the same stamp.</summary>
    public static ObjectInfo File(string key, in StatxBuffer st, string quotedETag, ObjectMetadata metadata) => new()
    {
        Key = key,
        Size = (long)st.Size,
        LastModified = st.LastModified,
        ETag = quotedETag,
        Metadata = metadata,
    };

    public static ObjectInfo Directory(string key, in StatxBuffer st) => new()
    {
        Key = key,
        Size = 0,
        LastModified = st.LastModified,
        ETag = ETags.Quote(ETags.EmptyMd5),
        IsDirectory = true,
    };
}
