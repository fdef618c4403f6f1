using S3Spec.Storage.Contract;

namespace S3Spec.Storage.Metadata;

/// <summary>
/// What the store remembers about a file it wrote: the identity of the file right after fsync (inode, size, mtime)
/// and the ETag and metadata. A record whose identity no longer matches the file is ignored (the file was
/// rewritten by another program). An empty <see cref="ETag"/> means "use the external form".
/// </summary>
internal sealed record ObjectRecord(ulong Ino, long Size, long MtimeNs, string ETag, ObjectMetadata Metadata)
{
    public bool Matches(ulong ino, long size, long mtimeNs) => Ino == ino && Size == size && MtimeNs == mtimeNs;
}
