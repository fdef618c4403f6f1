using Microsoft.Extensions.Logging;
using S3Spec.Core.Checksums;
using S3Spec.Core.Errors;
using S3Spec.Storage.Capacity;
using S3Spec.Storage.Hashing;
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
public sealed partial class PosixObjectStore : IObjectStore
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
    private readonly PartCopier partCopier;

    public PosixObjectStore(StorageOptions options, TimeProvider time, ILogger<PosixObjectStore> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options;
        staging = new Staging(new Ownership(options));
        metadata = new MetadataStore(options, staging, logger);
        volumes = new VolumeRegistry(options, staging, time, logger);
        publisher = new Publisher(staging, metadata);
        remover = new Remover(metadata);
        ListingCache = new DirSnapshotCache(options, time);
        lister = new ObjectLister(metadata, ListingCache, logger);
        capacity = new CapacityTracker(options, time, volumes, logger);
        sweeper = new UploadSweeper(options, time, volumes, staging, capacity, logger);
        multipart = new MultipartStore(options, time, volumes, staging, metadata, publisher) { Capacity = capacity };
        uploadLister = new UploadLister(volumes, staging);
        partCopier = new PartCopier(options, volumes, staging, multipart);
        Hasher = new ExternalHasher(volumes, staging, metadata, time, logger);
    }

    /// <summary>Sorted snapshots of large directories for listings (exposed for its test seam).</summary>
    internal DirSnapshotCache ListingCache { get; }

    /// <summary>Test seam: stops a Complete after one of its steps as a crash would (never set by the server).</summary>
    internal Action<CompleteStep>? CompleteStepHook
    {
        get => multipart.StepHook;
        set => multipart.StepHook = value;
    }

    /// <summary>The hash run (exposed for its test seam).</summary>
    internal ExternalHasher Hasher { get; }

    public Task RecoverAsync(CancellationToken cancellationToken) =>
        Task.Run(volumes.HousekeepAll, cancellationToken);

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
        var conditions = WriteConditions.Parse(options.IfNoneMatch, options.IfMatch);
        using var vol = volumes.Open(volume);
        conditions?.Check(vol, parsed, metadata);
        if (parsed.IsDirectory)
        {
            await EnsureEmptyBodyAsync(body, options, cancellationToken).ConfigureAwait(false);
            using var dir = publisher.MakeDirectory(vol, parsed);
            return ObjectInfos.Directory(parsed.Key, Fs.Fstat(dir, FsOp.Write));
        }

        using var space = capacity.Begin(vol);
        if (options.ContentLength is { } declared && declared <= this.options.MaxPutSize)
        {
            space.Require(declared); // InsufficientStorage before any temp file exists
        }

        using var temp = NewTemp(vol);
        var (size, md5) = await BodyReceiver.ReceiveAsync(temp, body, options, this.options.MaxPutSize, space, cancellationToken).ConfigureAwait(false);
        var st = Fs.Fstat(temp.File, FsOp.Write);
        var stored = options.VerifiedChecksums is { } verified ? options.Metadata with { Checksums = verified() } : options.Metadata;
        var record = new ObjectRecord(st.Ino, size, st.MtimeNs, ETags.Hex(md5), stored);
        cancellationToken.ThrowIfCancellationRequested();
        var freed = CapacityTracker.ObjectSize(vol, parsed);
        publisher.Publish(vol, temp, parsed, record, conditions);
        space.Commit(size, freed);
        return ObjectInfos.File(parsed.Key, st, record);
    }

    public Task DeleteObjectAsync(string volume, string key, CancellationToken cancellationToken)
    {
        var parsed = ObjectKey.Parse(key);
        using var vol = volumes.Open(volume);
        var freed = CapacityTracker.ObjectSize(vol, parsed);
        remover.Delete(vol, parsed);
        capacity.Adjust(vol, -freed);
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

        var conditions = WriteConditions.Parse(request.IfNoneMatch, request.IfMatch);
        using var srcVol = volumes.Open(request.SourceVolume);
        using var reader = Open(srcVol, source);
        request.CheckSource?.Invoke(reader.Info);
        using var dstVol = request.DestinationVolume == request.SourceVolume ? null : volumes.Open(request.DestinationVolume);
        var vol = dstVol ?? srcVol;
        conditions?.Check(vol, destination, metadata);
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

        using var space = capacity.Begin(vol);
        space.Grow(reader.Info.Size); // the quota only: the disk's free space is not pre-checked (ENOSPC → 507)
        using var temp = NewTemp(vol);
        await FileCopier.CopyAsync(reader.File!, temp.File, 0, reader.Info.Size, cancellationToken).ConfigureAwait(false);
        Fs.Fsync(temp.File, FsOp.Write);
        var st = Fs.Fstat(temp.File, FsOp.Write);

        // A stored (MD5 or multipart) ETag is reused; an external source stays external ("" = identity form).
        var etag = reader.Record?.ETag ?? "";
        // The content is the source's: its checksums stay valid also when the metadata is replaced.
        var meta = request.ReplaceMetadata is { } replaced ? replaced with { Checksums = reader.Info.Metadata.Checksums } : reader.Info.Metadata;
        var record = new ObjectRecord(st.Ino, (long)st.Size, st.MtimeNs, etag, meta);
        var freed = CapacityTracker.ObjectSize(vol, destination);
        publisher.Publish(vol, temp, destination, etag.Length > 0 || request.ReplaceMetadata is not null ? record : null, conditions);
        space.Commit((long)st.Size, freed);
        return ObjectInfos.File(destination.Key, st, record);
    }

    public Task<ListObjectsPage> ListObjectsAsync(string volume, ListObjectsRequest request, CancellationToken cancellationToken)
    {
        using var vol = volumes.Open(volume);
        return Task.FromResult(lister.List(vol, request));
    }

    public Task<MultipartUploadInfo> CreateMultipartUploadAsync(string volume, string key, ObjectMetadata metadata, string owner, UploadChecksum? checksum, CancellationToken cancellationToken) =>
        multipart.CreateAsync(volume, key, metadata, owner, checksum);

    public Task<PartInfo> UploadPartAsync(string volume, string key, string uploadId, int partNumber, Stream body, PutObjectOptions options, CancellationToken cancellationToken) =>
        multipart.UploadPartAsync(volume, key, uploadId, partNumber, body, options, cancellationToken);

    public Task<ListPartsPage> ListPartsAsync(string volume, string key, string uploadId, int partNumberMarker, int maxParts, CancellationToken cancellationToken) =>
        multipart.ListPartsAsync(volume, key, uploadId, partNumberMarker, maxParts);

    public Task<ListUploadsPage> ListMultipartUploadsAsync(string volume, ListUploadsRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(uploadLister.List(volume, request));

    public Task<ObjectInfo> CompleteMultipartUploadAsync(
        string volume, string key, string uploadId, IReadOnlyList<CompletedPart> parts, CompleteOptions options, CancellationToken cancellationToken) =>
        WithStagedAccountingAsync(volume, key, uploadId, () => multipart.CompleteAsync(volume, key, uploadId, parts, options, cancellationToken));

    public Task AbortMultipartUploadAsync(string volume, string key, string uploadId, CancellationToken cancellationToken) =>
        WithStagedAccountingAsync(volume, uploadId, () => multipart.AbortAsync(volume, key, uploadId));

    public Task<MultipartUploadInfo> GetMultipartUploadAsync(string volume, string key, string uploadId, CancellationToken cancellationToken) =>
        multipart.GetAsync(volume, key, uploadId);

    public async Task<PartInfo> UploadPartCopyAsync(UploadPartCopyRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var source = ObjectKey.Parse(request.SourceKey);
        using var srcVol = volumes.Open(request.SourceVolume);
        using var reader = Open(srcVol, source);
        request.CheckSource?.Invoke(reader.Info);
        return await partCopier.CopyAsync(request, reader, cancellationToken).ConfigureAwait(false);
    }

    public Task<HashReport> HashExternalObjectsAsync(string volume, HashOptions options, CancellationToken cancellationToken) =>
        Hasher.RunAsync(volume, options ?? new HashOptions(), cancellationToken);

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
