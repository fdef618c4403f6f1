using Microsoft.Extensions.Logging;
using S3Spec.Core.Checksums;
using S3Spec.Core.Errors;
using S3Spec.Storage.Capacity;
using S3Spec.Storage.Contract;
using S3Spec.Storage.Listing;
using S3Spec.Storage.Maintenance;
using S3Spec.Storage.Metadata;
using S3Spec.Storage.Multipart;
using S3Spec.Storage.Posix;
using S3Spec.Storage.Reading;
using S3Spec.Storage.Writing;

namespace S3Spec.Storage;

/// <summary>
/// <see cref="IObjectStore"/> over POSIX directories, the top of the storage layer (docs/architecture.md "Storage
/// layers"): it builds the parts once per store and delegates each operation. Every path is resolved beneath the
/// volume root by the kernel (openat2 RESOLVE_BENEATH), every write goes through a temp file and one rename,
/// metadata lives in a user xattr (or a sidecar file). Its <see cref="Maintenance"/> shares the same parts.
/// Nothing is process-wide: two stores live side by side in one process. See docs/storage.md.
/// </summary>
public sealed class PosixObjectStore : IObjectStore, IDisposable
{
    private readonly VolumeRegistry volumes;
    private readonly ObjectOpener opener;
    private readonly ObjectWriter writer;
    private readonly Remover remover;
    private readonly ObjectLister lister;
    private readonly CapacityTracker capacity;
    private readonly UploadAccounting uploadAccounting;
    private readonly Uploads uploads;
    private readonly PartStager stager;
    private readonly PartCopier partCopier;
    private readonly Completer completer;
    private readonly UploadLister uploadLister;

    public PosixObjectStore(StorageOptions options, TimeProvider time, ILogger<PosixObjectStore> logger)
        : this(options, time, logger, LibcSync.Instance)
    {
    }

    /// <summary>Test seam: the fsync calls of durable writes go through <paramref name="sync"/> (a recorder, an injected errno).</summary>
    internal PosixObjectStore(StorageOptions options, TimeProvider time, ILogger<PosixObjectStore> logger, ISyncPrimitive sync)
    {
        ArgumentNullException.ThrowIfNull(options);
        var durability = new Durability(sync);
        var ownership = new Ownership(options);
        var staging = new Staging(ownership);
        volumes = new VolumeRegistry(options, new Confinement(options.ForceConfinementFallback));
        var metadata = new MetadataStore(options, staging, logger);
        var publisher = new Publisher(staging, metadata, durability, options.ForceLinkFallback);
        remover = new Remover(metadata);
        ListingCache = new DirSnapshotCache(options, time, new ListingIndex(options, time, logger));
        DescribeCache = new DescribeCache(options, time);
        lister = new ObjectLister(metadata, ListingCache, DescribeCache, logger);
        capacity = new CapacityTracker(options, time, volumes, logger);
        uploadAccounting = new UploadAccounting(capacity, volumes, staging);
        var writes = new StagedWrites(staging, capacity, durability);
        opener = new ObjectOpener(metadata);
        writer = new ObjectWriter(options, metadata, publisher, writes);
        uploads = new Uploads(time, volumes, staging);
        stager = new PartStager(options, time, volumes, staging, uploads, writes);
        partCopier = new PartCopier(options, volumes, uploads, stager, writes);
        completer = new Completer(options, volumes, staging, metadata, publisher, writes);
        uploadLister = new UploadLister(volumes, staging);
        var recovery = new Recovery(options, volumes, staging, time, logger);
        volumes.FirstOpened = recovery.Housekeep;
        Hasher = new ExternalHasher(volumes, staging, metadata, time, logger);
        Maintenance = new PosixStoreMaintenance(
            options, volumes, capacity, recovery, new UploadSweeper(options, time, volumes, staging, capacity, logger), Hasher, new VolumeCreator(options, ownership));
    }

    /// <summary>Volumes, recovery, sweeping, hashing and usage counts of this store's data root (the same parts).</summary>
    public IStoreMaintenance Maintenance { get; }

    /// <summary>Sorted snapshots of large directories for listings (exposed for its test seam).</summary>
    internal DirSnapshotCache ListingCache { get; }

    /// <summary>What listings read of each file beyond its stat (exposed for its test seam).</summary>
    internal DescribeCache DescribeCache { get; }

    /// <summary>Test seam: stops a Complete after one of its steps as a crash would (never set by the server).</summary>
    internal Action<CompleteStep>? CompleteStepHook
    {
        get => completer.StepHook;
        set => completer.StepHook = value;
    }

    /// <summary>The hash run (exposed for its test seam).</summary>
    internal ExternalHasher Hasher { get; }

    /// <summary>The capacity tracker (exposed for its test seam: walks run on demand).</summary>
    internal CapacityTracker Capacity => capacity;

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
        return Task.FromResult<IObjectReader>(opener.Open(vol, parsed));
    }

    public async Task<ObjectInfo> PutObjectAsync(string volume, string key, Stream body, PutObjectOptions options, CancellationToken cancellationToken)
    {
        var parsed = ObjectKey.Parse(key);
        RecordCodec.CheckUserMetadataSize(options.Metadata);
        var conditions = WriteConditions.Parse(options.IfNoneMatch, options.IfMatch);
        using var vol = volumes.Open(volume);
        return await writer.PutAsync(vol, parsed, body, options, conditions, cancellationToken).ConfigureAwait(false);
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
        ArgumentNullException.ThrowIfNull(request);
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
        using var reader = opener.Open(srcVol, source);
        request.CheckSource?.Invoke(reader.Info);
        using var dstVol = request.DestinationVolume == request.SourceVolume ? null : volumes.Open(request.DestinationVolume);
        return await writer.CopyAsync(reader, dstVol ?? srcVol, destination, request.ReplaceMetadata, conditions, cancellationToken).ConfigureAwait(false);
    }

    public Task<ListObjectsPage> ListObjectsAsync(string volume, ListObjectsRequest request, CancellationToken cancellationToken)
    {
        using var vol = volumes.Open(volume);
        return Task.FromResult(lister.List(vol, request));
    }

    public Task<MultipartUploadInfo> CreateMultipartUploadAsync(string volume, string key, ObjectMetadata metadata, string owner, UploadChecksum? checksum, CancellationToken cancellationToken) =>
        uploads.CreateAsync(volume, key, metadata, owner, checksum);

    public Task<PartInfo> UploadPartAsync(string volume, string key, string uploadId, int partNumber, Stream body, PutObjectOptions options, CancellationToken cancellationToken) =>
        stager.UploadPartAsync(volume, key, uploadId, partNumber, body, options, cancellationToken);

    public Task<ListPartsPage> ListPartsAsync(string volume, string key, string uploadId, int partNumberMarker, int maxParts, CancellationToken cancellationToken) =>
        uploads.ListPartsAsync(volume, key, uploadId, partNumberMarker, maxParts);

    public Task<ListUploadsPage> ListMultipartUploadsAsync(string volume, ListUploadsRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(uploadLister.List(volume, request));

    public Task<ObjectInfo> CompleteMultipartUploadAsync(
        string volume, string key, string uploadId, IReadOnlyList<CompletedPart> parts, CompleteOptions options, CancellationToken cancellationToken) =>
        uploadAccounting.CompleteAsync(volume, key, uploadId, () => completer.CompleteAsync(volume, key, uploadId, parts, options, cancellationToken));

    public Task AbortMultipartUploadAsync(string volume, string key, string uploadId, CancellationToken cancellationToken) =>
        uploadAccounting.AbortAsync(volume, uploadId, () => uploads.AbortAsync(volume, key, uploadId));

    public Task<MultipartUploadInfo> GetMultipartUploadAsync(string volume, string key, string uploadId, CancellationToken cancellationToken) =>
        uploads.GetAsync(volume, key, uploadId);

    public async Task<PartInfo> UploadPartCopyAsync(UploadPartCopyRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var source = ObjectKey.Parse(request.SourceKey);
        using var srcVol = volumes.Open(request.SourceVolume);
        using var reader = opener.Open(srcVol, source);
        request.CheckSource?.Invoke(reader.Info);
        return await partCopier.CopyAsync(request, reader, cancellationToken).ConfigureAwait(false);
    }

    public VolumeUsage GetVolumeUsage(string volume)
    {
        using var vol = volumes.Open(volume);
        return capacity.Usage(vol);
    }

    /// <summary>Closes the cached volume-root descriptors (docs/storage.md, "Volume roots"); the host calls it at shutdown.</summary>
    public void Dispose() => volumes.Dispose();
}
