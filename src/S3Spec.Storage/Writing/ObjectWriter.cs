using S3Spec.Core.Errors;
using S3Spec.Storage.Capacity;
using S3Spec.Storage.Contract;
using S3Spec.Storage.Metadata;
using S3Spec.Storage.Posix;
using S3Spec.Storage.Reading;

namespace S3Spec.Storage.Writing;

/// <summary>PutObject and CopyObject: a staged write published under the key (a directory key makes the directory).</summary>
internal sealed class ObjectWriter(StorageOptions options, MetadataStore metadata, Publisher publisher, StagedWrites writes)
{
    public async Task<ObjectInfo> PutAsync(Volume vol, ParsedKey key, Stream body, PutObjectOptions put, WriteConditions? conditions, CancellationToken cancellationToken)
    {
        conditions?.Check(vol, key, metadata);
        if (key.IsDirectory)
        {
            await EnsureEmptyBodyAsync(body, put, cancellationToken).ConfigureAwait(false);
            using var dir = publisher.MakeDirectory(vol, key);
            return ObjectInfos.Directory(key.Key, Fs.Fstat(dir, FsOp.Write));
        }

        using var write = writes.Begin(vol);
        if (put.ContentLength is { } declared && declared <= options.MaxPutSize)
        {
            write.Require(declared); // InsufficientStorage before any temp file exists
        }

        var (size, md5) = await write.ReceiveAsync(body, put, options.MaxPutSize, cancellationToken).ConfigureAwait(false);
        var st = Fs.Fstat(write.Temp.File, FsOp.Write);
        var stored = put.VerifiedChecksums is { } verified ? put.Metadata with { Checksums = verified() } : put.Metadata;
        var record = new ObjectRecord(st.Ino, size, st.MtimeNs, ETags.Hex(md5), stored);
        cancellationToken.ThrowIfCancellationRequested();
        var freed = CapacityTracker.ObjectSize(vol, key);
        await publisher.PublishAsync(vol, write.Temp, key, record, conditions).ConfigureAwait(false);
        write.Commit(size, freed);
        return ObjectInfos.File(key.Key, st, record);
    }

    /// <summary>Copies the opened <paramref name="source"/> to <paramref name="destination"/> of <paramref name="vol"/>.</summary>
    public async Task<ObjectInfo> CopyAsync(
        FileObjectReader source, Volume vol, ParsedKey destination, ObjectMetadata? replaceMetadata, WriteConditions? conditions, CancellationToken cancellationToken)
    {
        conditions?.Check(vol, destination, metadata);
        if (destination.IsDirectory || source.Info.IsDirectory)
        {
            if (destination.IsDirectory != source.Info.IsDirectory)
            {
                throw new S3Exception(S3Errors.InvalidRequest, "A directory key can only be copied to a directory key.");
            }

            using var dir = publisher.MakeDirectory(vol, destination);
            return ObjectInfos.Directory(destination.Key, Fs.Fstat(dir, FsOp.Write));
        }

        if (source.Info.Size > options.MaxPutSize)
        {
            throw new S3Exception(S3Errors.EntityTooLarge);
        }

        using var write = writes.Begin(vol);
        write.Grow(source.Info.Size); // the quota only: the disk's free space is not pre-checked (ENOSPC → 507)
        await write.CopyAsync(source.File!, 0, 0, source.Info.Size, cancellationToken).ConfigureAwait(false);
        await write.FlushAsync().ConfigureAwait(false);
        var st = Fs.Fstat(write.Temp.File, FsOp.Write);

        // A stored (MD5 or multipart) ETag is reused; an external source stays external ("" = identity form).
        var etag = source.Record?.ETag ?? "";
        // The content is the source's: its checksums stay valid also when the metadata is replaced.
        var meta = replaceMetadata is { } replaced ? replaced with { Checksums = source.Info.Metadata.Checksums } : source.Info.Metadata;
        var record = new ObjectRecord(st.Ino, (long)st.Size, st.MtimeNs, etag, meta);
        var freed = CapacityTracker.ObjectSize(vol, destination);
        await publisher.PublishAsync(vol, write.Temp, destination, etag.Length > 0 || replaceMetadata is not null ? record : null, conditions).ConfigureAwait(false);
        write.Commit((long)st.Size, freed);
        return ObjectInfos.File(destination.Key, st, record);
    }

    private static async Task EnsureEmptyBodyAsync(Stream body, PutObjectOptions options, CancellationToken cancellationToken)
    {
        if (options.ContentLength > 0)
        {
            throw new S3Exception(S3Errors.DirectoryObjectContainsData);
        }

        var one = new byte[1];
        if (await body.ReadAsync(one, cancellationToken).ConfigureAwait(false) > 0)
        {
            throw new S3Exception(S3Errors.DirectoryObjectContainsData);
        }
    }
}
