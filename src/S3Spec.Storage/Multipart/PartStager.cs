using S3Spec.Core.Checksums;
using Microsoft.Win32.SafeHandles;
using S3Spec.Core.Errors;
using S3Spec.Storage.Capacity;
using S3Spec.Storage.Contract;
using S3Spec.Storage.Metadata;
using S3Spec.Storage.Posix;
using S3Spec.Storage.Writing;

namespace S3Spec.Storage.Multipart;

/// <summary>
/// UploadPart: a staged write of one part, placed into its region of the upload's data file when it is the first
/// upload of a part of the upload's stride (docs/storage.md "Placed parts"), else staged as its own file with its
/// record; a part of the same number is replaced.
/// </summary>
internal sealed class PartStager(StorageOptions options, TimeProvider time, VolumeRegistry volumes, Staging staging, Uploads uploads, StagedWrites writes)
{
    private readonly PlacedParts placed = new(staging);

    /// <summary>InvalidArgument unless 1 &lt;= <paramref name="partNumber"/> &lt;= MaxParts.</summary>
    public void CheckPartNumber(int partNumber)
    {
        if (partNumber < 1 || partNumber > options.MaxParts)
        {
            throw new S3Exception(S3Errors.InvalidArgument, $"Part number must be an integer between 1 and {options.MaxParts}, inclusive.");
        }
    }

    public async Task<PartInfo> UploadPartAsync(string volume, string key, string uploadId, int partNumber, Stream body, PutObjectOptions opts, CancellationToken ct)
    {
        CheckPartNumber(partNumber);
        using var vol = volumes.Open(volume);
        using var dir = uploads.OpenUpload(vol, uploadId, out var info);
        if (info.Key != key)
        {
            throw new S3Exception(S3Errors.NoSuchUpload);
        }

        using var write = writes.Begin(vol);
        if (options.PlacedParts && opts.ContentLength is > 0 and var length && length <= options.MaxPartSize
            && await TryPlaceAsync(dir, partNumber, length, body, opts, write, ct).ConfigureAwait(false) is { } placedPart)
        {
            write.Commit(placedPart.Size, 0);
            return placedPart;
        }

        var (size, md5) = await write.ReceiveAsync(body, opts, options.MaxPartSize, ct).ConfigureAwait(false);
        var replaced = CapacityTracker.FileSize(dir, UploadIds.PartName(partNumber));
        var part = StagePart(dir, write.Temp, partNumber, size, md5, opts.VerifiedChecksums?.Invoke());
        write.Commit(size, replaced);
        return part;
    }

    /// <summary>
    /// Writes the first upload of a part no longer than the upload's stride into its region of the data file; null
    /// (nothing read from the body) when it must be staged as a file: longer than the stride, its region being
    /// written by another request, a part of that number already staged, or no OFD locks on this filesystem.
    /// </summary>
    private async Task<PartInfo?> TryPlaceAsync(
        SafeFileHandle dir, int partNumber, long length, Stream body, PutObjectOptions opts, StagedWrite write, CancellationToken ct)
    {
        var stride = placed.Stride(dir, length);
        if (stride <= 0 || length > stride || partNumber * stride > options.MaxObjectSize)
        {
            return null;
        }

        using var region = placed.TryLock(dir, stride, partNumber);
        if (region is null || Uploads.ReadPart(dir, partNumber) is not null)
        {
            return null;
        }

        long size;
        byte[] md5;
        try
        {
            (size, md5) = await write.ReceiveAsync(region.File, region.Offset, body, opts, length, ct).ConfigureAwait(false);
        }
        catch
        {
            // Nothing refers to the region (no record) and its lock is held: free what was written (a full disk or
            // quota must not stay full).
            Fs.TryPunchHole(region.File, region.Offset, stride);
            throw;
        }

        var checksums = opts.VerifiedChecksums?.Invoke();
        var meta = checksums is { Count: > 0 } ? new ObjectMetadata { Checksums = checksums } : ObjectMetadata.Empty;
        return placed.Commit(dir, region, partNumber, size, ETags.Hex(md5), meta, time.GetUtcNow());
    }

    /// <summary>Moves a finished (fsynced) temp file into the upload as part <paramref name="partNumber"/> (replacing one) and writes its record.</summary>
    internal PartInfo StagePart(SafeFileHandle dir, TempFile temp, int partNumber, long size, byte[] md5, ChecksumSet? checksums)
    {
        var st = Fs.Fstat(temp.File, FsOp.Write);
        var partName = UploadIds.PartName(partNumber);
        var etag = ETags.Hex(md5);
        var meta = checksums is { Count: > 0 } ? new ObjectMetadata { Checksums = checksums } : ObjectMetadata.Empty;

        // The record is named by the new file's inode and written before the data is renamed into place, so a crash
        // at any point leaves the old part with its record or the new part with its record, never a part without one.
        var record = UploadIds.PartRecordName(partName, st.Ino);
        staging.WriteSmallFile(dir, record, RecordCodec.EncodeObject(new ObjectRecord(st.Ino, size, st.MtimeNs, etag, meta)));
        var e = Fs.TryRenameAt(temp.Dir, temp.Name, dir, partName);
        if (e != 0)
        {
            Fs.TryUnlinkAt(dir, record, false);
            throw FsErrors.Map(e, FsOp.Upload, "rename part");
        }

        temp.Published = true;
        RemoveOtherPartRecords(dir, partName, record);
        return new PartInfo(partNumber, size, st.LastModified, ETags.Quote(etag)) { Checksums = meta == ObjectMetadata.Empty ? null : checksums };
    }

    private static void RemoveOtherPartRecords(SafeFileHandle dir, string partName, string keep)
    {
        var entries = new List<DirEntry>();
        Fs.TryReadDir(dir, entries, null);
        foreach (var entry in entries)
        {
            if (entry.Name != keep && entry.Name.StartsWith(partName + ".", StringComparison.Ordinal) && entry.Name.EndsWith(".meta", StringComparison.Ordinal))
            {
                Fs.TryUnlinkAt(dir, entry.Name, false);
            }
        }
    }
}
