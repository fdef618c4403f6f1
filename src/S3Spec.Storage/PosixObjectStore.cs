using Microsoft.Extensions.Logging;
using S3Spec.Core.Errors;
using S3Spec.Storage.Listing;
using S3Spec.Storage.Metadata;
using S3Spec.Storage.Multipart;
using S3Spec.Storage.Native;
using S3Spec.Storage.Posix;
using S3Spec.Storage.Writing;

namespace S3Spec.Storage;

/// <summary>
/// <see cref="IObjectStore"/> over POSIX directories: every path is resolved beneath the volume root by the kernel
/// (openat2 RESOLVE_BENEATH), every write goes through a temp file and one rename, metadata lives in a user xattr
/// (or a sidecar file). See docs/storage.md.
/// </summary>
public sealed class PosixObjectStore : IObjectStore
{
    private readonly StorageOptions options;
    private readonly VolumeRegistry volumes;
    private readonly Staging staging;
    private readonly MetadataStore metadata;
    private readonly Publisher publisher;
    private readonly Remover remover;
    private readonly ObjectLister lister;
    private readonly MultipartStore multipart;
    private readonly UploadLister uploadLister;

    public PosixObjectStore(StorageOptions options, TimeProvider time, ILogger<PosixObjectStore> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options;
        staging = new Staging(new Ownership(options));
        metadata = new MetadataStore(options, staging, logger);
        volumes = new VolumeRegistry(options, staging, time, logger);
        publisher = new Publisher(staging, metadata);
        remover = new Remover(metadata);
        lister = new ObjectLister(metadata, logger);
        multipart = new MultipartStore(options, time, volumes, staging, metadata, publisher);
        uploadLister = new UploadLister(volumes, staging);
    }

    public IReadOnlyList<VolumeInfo> ListVolumes() => volumes.List();

    public VolumeInfo? GetVolume(string volume) => volumes.Get(volume);

    public async Task<ObjectInfo> HeadObjectAsync(string volume, string key, CancellationToken cancellationToken)
    {
        await using var reader = await OpenObjectAsync(volume, key, cancellationToken).ConfigureAwait(false);
        return reader.Info;
    }

    public Task<IObjectReader> OpenObjectAsync(string volume, string key, CancellationToken cancellationToken)
    {
        var parsed = ObjectKey.Parse(key);
        using var vol = volumes.Open(volume);
        return Task.FromResult<IObjectReader>(Open(vol, parsed));
    }

    public async Task<ObjectInfo> PutObjectAsync(string volume, string key, Stream body, PutObjectOptions options, CancellationToken cancellationToken)
    {
        var parsed = ObjectKey.Parse(key);
        RecordCodec.CheckUserMetadataSize(options.Metadata);
        using var vol = volumes.Open(volume);
        if (parsed.IsDirectory)
        {
            await EnsureEmptyBodyAsync(body, options, cancellationToken).ConfigureAwait(false);
            using var dir = publisher.MakeDirectory(vol, parsed);
            return ObjectInfos.Directory(parsed.Key, Fs.Fstat(dir, FsOp.Write));
        }

        using var temp = NewTemp(vol);
        var (size, md5) = await BodyReceiver.ReceiveAsync(temp, body, options, this.options.MaxPutSize, cancellationToken).ConfigureAwait(false);
        var st = Fs.Fstat(temp.File, FsOp.Write);
        var record = new ObjectRecord(st.Ino, size, st.MtimeNs, ETags.Hex(md5), options.Metadata);
        metadata.Write(vol, temp.File, parsed.Path, record);
        cancellationToken.ThrowIfCancellationRequested();
        publisher.Publish(vol, temp, parsed);
        return ObjectInfos.File(parsed.Key, st, record);
    }

    public Task DeleteObjectAsync(string volume, string key, CancellationToken cancellationToken)
    {
        var parsed = ObjectKey.Parse(key);
        using var vol = volumes.Open(volume);
        remover.Delete(vol, parsed);
        return Task.CompletedTask;
    }

    public async Task<ObjectInfo> CopyObjectAsync(CopyObjectRequest request, CancellationToken cancellationToken)
    {
        var source = ObjectKey.Parse(request.SourceKey);
        var destination = ObjectKey.Parse(request.DestinationKey);
        if (request.ReplaceMetadata is { } replace)
        {
            RecordCodec.CheckUserMetadataSize(replace);
        }
        else if (request.SourceVolume == request.DestinationVolume && source.Key == destination.Key)
        {
            throw new S3Exception(S3Errors.InvalidRequest,
                "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata.");
        }

        using var srcVol = volumes.Open(request.SourceVolume);
        using var reader = Open(srcVol, source);
        request.CheckSource?.Invoke(reader.Info);
        using var dstVol = request.DestinationVolume == request.SourceVolume ? null : volumes.Open(request.DestinationVolume);
        var vol = dstVol ?? srcVol;
        if (destination.IsDirectory || reader.Info.IsDirectory)
        {
            if (destination.IsDirectory != reader.Info.IsDirectory)
            {
                throw new S3Exception(S3Errors.InvalidRequest, "A directory key can only be copied to a directory key.");
            }

            using var dir = publisher.MakeDirectory(vol, destination);
            return ObjectInfos.Directory(destination.Key, Fs.Fstat(dir, FsOp.Write));
        }

        if (reader.Info.Size > options.MaxPutSize)
        {
            throw new S3Exception(S3Errors.EntityTooLarge);
        }

        using var temp = NewTemp(vol);
        await FileCopier.CopyAsync(reader.File!, temp.File, 0, reader.Info.Size, cancellationToken).ConfigureAwait(false);
        Fs.Fsync(temp.File, FsOp.Write);
        var st = Fs.Fstat(temp.File, FsOp.Write);

        // A stored (MD5 or multipart) ETag is reused; an external source stays external ("" = identity form).
        var etag = reader.Record?.ETag ?? "";
        var record = new ObjectRecord(st.Ino, (long)st.Size, st.MtimeNs, etag, request.ReplaceMetadata ?? reader.Info.Metadata);
        if (etag.Length > 0 || request.ReplaceMetadata is not null)
        {
            metadata.Write(vol, temp.File, destination.Path, record);
        }

        publisher.Publish(vol, temp, destination);
        return ObjectInfos.File(destination.Key, st, record);
    }

    public Task<ListObjectsPage> ListObjectsAsync(string volume, ListObjectsRequest request, CancellationToken cancellationToken)
    {
        using var vol = volumes.Open(volume);
        return Task.FromResult(lister.List(vol, request));
    }

    public Task<MultipartUploadInfo> CreateMultipartUploadAsync(string volume, string key, ObjectMetadata metadata, string owner, CancellationToken cancellationToken) =>
        multipart.CreateAsync(volume, key, metadata, owner);

    public Task<PartInfo> UploadPartAsync(string volume, string key, string uploadId, int partNumber, Stream body, PutObjectOptions options, CancellationToken cancellationToken) =>
        multipart.UploadPartAsync(volume, key, uploadId, partNumber, body, options, cancellationToken);

    public Task<ListPartsPage> ListPartsAsync(string volume, string key, string uploadId, int partNumberMarker, int maxParts, CancellationToken cancellationToken) =>
        multipart.ListPartsAsync(volume, key, uploadId, partNumberMarker, maxParts);

    public Task<ListUploadsPage> ListMultipartUploadsAsync(string volume, ListUploadsRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(uploadLister.List(volume, request));

    public Task<ObjectInfo> CompleteMultipartUploadAsync(string volume, string key, string uploadId, IReadOnlyList<CompletedPart> parts, CancellationToken cancellationToken) =>
        multipart.CompleteAsync(volume, key, uploadId, parts, cancellationToken);

    public Task AbortMultipartUploadAsync(string volume, string key, string uploadId, CancellationToken cancellationToken) =>
        multipart.AbortAsync(volume, key, uploadId);

    public Task<MultipartUploadInfo> GetMultipartUploadAsync(string volume, string key, string uploadId, CancellationToken cancellationToken) =>
        multipart.GetAsync(volume, key, uploadId);

    private TempFile NewTemp(Volume vol)
    {
        var dir = staging.OpenTmp(vol);
        try
        {
            return new TempFile(dir, staging.CreateFile(dir, out var name), name);
        }
        catch
        {
            dir.Dispose();
            throw;
        }
    }

    private FileObjectReader Open(Volume vol, ParsedKey key)
    {
        if (key.IsDirectory)
        {
            var d = Resolver.TryOpen(vol, key.Path, Libc.O_RDONLY | Libc.O_DIRECTORY, out var dir);
            if (d != 0)
            {
                throw d is Errno.ENOENT or Errno.ENOTDIR or Errno.ELOOP ? new S3Exception(S3Errors.NoSuchKey) : FsErrors.Map(d, FsOp.Read, "open directory");
            }

            using (dir)
            {
                return new FileObjectReader(null, ObjectInfos.Directory(key.Key, Fs.Fstat(dir!, FsOp.Read)), null);
            }
        }

        var e = Resolver.TryOpen(vol, key.Path, Libc.O_RDONLY | Libc.O_NONBLOCK, out var h);
        if (e != 0)
        {
            throw FsErrors.Map(e, FsOp.Read, "open object");
        }

        try
        {
            var st = Fs.Fstat(h!, FsOp.Read);
            if (st.IsDirectory)
            {
                throw new S3Exception(S3Errors.NoSuchKey);
            }

            if (!st.IsRegular)
            {
                throw new S3Exception(S3Errors.NotRegularFile);
            }

            var rec = metadata.Read(vol, h!, key.Path, st);
            return new FileObjectReader(h, ObjectInfos.File(key.Key, st, rec), rec);
        }
        catch
        {
            h!.Dispose();
            throw;
        }
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
