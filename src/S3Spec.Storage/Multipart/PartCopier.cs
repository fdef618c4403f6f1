using S3Spec.Core.Checksums;
using S3Spec.Core.Errors;
using S3Spec.Storage.Capacity;
using S3Spec.Storage.Contract;
using S3Spec.Storage.Posix;
using S3Spec.Storage.Reading;
using S3Spec.Storage.Writing;

namespace S3Spec.Storage.Multipart;

/// <summary>
/// UploadPartCopy: stages a range of an opened source object as a part, exactly as UploadPart would (same part
/// record, replaces an existing part of that number). The bytes go through the process once (MD5 for the ETag).
/// </summary>
internal sealed class PartCopier(StorageOptions options, VolumeRegistry volumes, Uploads uploads, PartStager stager, StagedWrites writes)
{
    public async Task<PartInfo> CopyAsync(UploadPartCopyRequest request, FileObjectReader source, CancellationToken ct)
    {
        stager.CheckPartNumber(request.PartNumber);

        if (source.File is null || source.Info.IsDirectory)
        {
            throw new S3Exception(S3Errors.InvalidRequest, "A directory key cannot be the source of a part.");
        }

        var size = source.Info.Size;
        long first = 0, length = size;
        if (request.Range is { } range)
        {
            if (range.First < 0 || range.First > range.Last || range.Last >= size)
            {
                throw new S3Exception(S3Errors.InvalidRange, $"The range {range.First}-{range.Last} is not within the source object of {size} bytes.");
            }

            first = range.First;
            length = range.Last - range.First + 1;
        }

        if (length > options.MaxPartSize)
        {
            throw new S3Exception(S3Errors.EntityTooLarge);
        }

        using var vol = volumes.Open(request.Volume);
        using var dir = uploads.OpenUpload(vol, request.UploadId, out var info);
        if (info.Key != request.Key)
        {
            throw new S3Exception(S3Errors.NoSuchUpload);
        }

        using var write = writes.Begin(vol);
        write.Require(length); // the length is known: InsufficientStorage before any temp file exists
        var md5 = await write.CopyHashingAsync(source.File, first, length, ct).ConfigureAwait(false);
        await write.FlushAsync().ConfigureAwait(false);
        var replaced = CapacityTracker.FileSize(dir, UploadIds.PartName(request.PartNumber));
        var part = stager.StagePart(dir, write.Temp, request.PartNumber, length, md5, length == size ? WholeObjectChecksums(source.Info) : null);
        write.Commit(length, replaced);
        return part;
    }

    /// <summary>A whole-object copy keeps the source's full-object checksums (composite "-N" values describe other parts).</summary>
    private static ChecksumSet? WholeObjectChecksums(ObjectInfo source) =>
        source.Metadata.Checksums.Where(static (_, value) => !value.Contains('-', StringComparison.Ordinal)) is { Count: > 0 } kept ? kept : null;
}
