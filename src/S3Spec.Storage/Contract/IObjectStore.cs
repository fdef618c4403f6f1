using S3Spec.Core.Checksums;

namespace S3Spec.Storage.Contract;

/// <summary>
/// The storage backend the handlers call: one method per S3 operation, in S3 terms (volume, key, upload id),
/// never HTTP. Every failure is an <see cref="S3Spec.Core.Errors.S3Exception"/> from the error table; filesystem
/// exceptions never escape an implementation. Keys arrive decoded (UTF-8 strings); the implementation validates
/// them as file paths (see <see cref="ObjectKey"/>).
/// </summary>
public interface IObjectStore
{
    /// <summary>Volumes (top-level directories with valid bucket names), sorted by name.</summary>
    IReadOnlyList<VolumeInfo> ListVolumes();

    /// <summary>The volume, or null when it does not exist.</summary>
    VolumeInfo? GetVolume(string volume);

    /// <summary>Metadata of the object (HEAD). NoSuchKey when absent. A directory key ("a/") that exists answers an empty object.</summary>
    Task<ObjectInfo> HeadObjectAsync(string volume, string key, CancellationToken cancellationToken);

    /// <summary>Opens the object for reading; the info describes exactly the opened file.</summary>
    Task<IObjectReader> OpenObjectAsync(string volume, string key, CancellationToken cancellationToken);

    /// <summary>Streams <paramref name="body"/> into a temporary file, verifies, fsyncs and atomically publishes it.</summary>
    Task<ObjectInfo> PutObjectAsync(string volume, string key, Stream body, PutObjectOptions options, CancellationToken cancellationToken);

    /// <summary>Idempotent: a missing key is not an error.</summary>
    Task DeleteObjectAsync(string volume, string key, CancellationToken cancellationToken);

    Task<ObjectInfo> CopyObjectAsync(CopyObjectRequest request, CancellationToken cancellationToken);

    Task<ListObjectsPage> ListObjectsAsync(string volume, ListObjectsRequest request, CancellationToken cancellationToken);

    /// <summary>Starts an upload; <paramref name="checksum"/>: the object checksum it declares (null: none, inferred at Complete).</summary>
    Task<MultipartUploadInfo> CreateMultipartUploadAsync(string volume, string key, ObjectMetadata metadata, string owner, UploadChecksum? checksum, CancellationToken cancellationToken);

    /// <summary>Stages one part; answers its info (ETag = MD5 of the part).</summary>
    Task<PartInfo> UploadPartAsync(string volume, string key, string uploadId, int partNumber, Stream body, PutObjectOptions options, CancellationToken cancellationToken);

    Task<ListPartsPage> ListPartsAsync(string volume, string key, string uploadId, int partNumberMarker, int maxParts, CancellationToken cancellationToken);

    Task<ListUploadsPage> ListMultipartUploadsAsync(string volume, ListUploadsRequest request, CancellationToken cancellationToken);

    /// <summary>Assembles the parts. <paramref name="options"/> carries the conditional write headers and the requested full-object checksum.</summary>
    Task<ObjectInfo> CompleteMultipartUploadAsync(string volume, string key, string uploadId, IReadOnlyList<CompletedPart> parts, CompleteOptions options, CancellationToken cancellationToken);

    Task AbortMultipartUploadAsync(string volume, string key, string uploadId, CancellationToken cancellationToken);

    /// <summary>The upload's record (owner and key), NoSuchUpload when absent. Used to check that a key may touch an upload.</summary>
    Task<MultipartUploadInfo> GetMultipartUploadAsync(string volume, string key, string uploadId, CancellationToken cancellationToken);

    /// <summary>UploadPartCopy: stages a part copied (in the kernel where possible) from a range of an existing object.</summary>
    Task<PartInfo> UploadPartCopyAsync(UploadPartCopyRequest request, CancellationToken cancellationToken);

    /// <summary>Capacity of a volume: its quota (or the filesystem's size), bytes used and free, and how exact that is.</summary>
    VolumeUsage GetVolumeUsage(string volume);
}
