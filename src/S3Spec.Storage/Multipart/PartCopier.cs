using S3Spec.Core.Errors;
using S3Spec.Storage.Capacity;
using S3Spec.Storage.Posix;
using S3Spec.Storage.Writing;

namespace S3Spec.Storage.Multipart;

/// <summary>
/// UploadPartCopy: stages a range of an opened source object as a part, exactly as UploadPart would (same part
/// record, replaces an existing part of that number). The bytes go through the process once (MD5 for the ETag).
/// </summary>
internal sealed class PartCopier(StorageOptions options, VolumeRegistry volumes, Staging staging, MultipartStore multipart)
{
    public async Task<PartInfo> CopyAsync(UploadPartCopyRequest request, FileObjectReader source, CancellationToken ct)
    {
        if (request.PartNumber < 1 || request.PartNumber > options.MaxParts)
        {
            throw new S3Exception(S3Errors.InvalidArgument, $"Part number must be an integer between 1 and {options.MaxParts}, inclusive.");
        }

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
        using var dir = multipart.OpenUpload(vol, request.UploadId, out var info);
        if (info.Key != request.Key)
        {
            throw new S3Exception(S3Errors.NoSuchUpload);
        }

        using var space = multipart.Capacity?.Begin(vol);
        space?.Require(length); // the length is known: InsufficientStorage before any temp file exists
        var tmpDir = staging.OpenTmp(vol);
        using var temp = new TempFile(tmpDir, staging.CreateFile(tmpDir, out var name), name);
        var md5 = await HashingCopier.CopyAsync(source.File, first, length, temp, ct).ConfigureAwait(false);
        Fs.Fsync(temp.File, FsOp.Write);
        var replaced = CapacityTracker.FileSize(dir, UploadIds.PartName(request.PartNumber));
        var part = multipart.StagePart(dir, temp, request.PartNumber, length, md5, length == size ? WholeObjectChecksums(source.Info) : null);
        space?.Commit(length, replaced);
        return part;
    }

    /// <summary>A whole-object copy keeps the source's full-object checksums (composite "-N" values describe other parts).</summary>
    private static Dictionary<string, string>? WholeObjectChecksums(ObjectInfo source)
    {
        Dictionary<string, string>? result = null;
        foreach (var (alg, value) in source.Metadata.Checksums)
        {
            if (!value.Contains('-', StringComparison.Ordinal))
            {
                (result ??= new Dictionary<string, string>(StringComparer.Ordinal))[alg] = value;
            }
        }

        return result;
    }
}
