using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;
using S3Spec.Core.Checksums;
using S3Spec.Core.Errors;
using S3Spec.Storage.Capacity;
using S3Spec.Storage.Checksums;
using S3Spec.Storage.Metadata;
using S3Spec.Storage.Native;
using S3Spec.Storage.Posix;
using S3Spec.Storage.Writing;

namespace S3Spec.Storage.Multipart;

/// <summary>
/// Multipart uploads staged in <c>.s3compat_uploads/&lt;uploadId&gt;/</c>: the record <c>upload</c>, parts
/// <c>part-NNNNN</c> with <c>part-NNNNN.meta</c> (identity + MD5). Complete claims the folder by renaming it to
/// <c>.completing-&lt;id&gt;</c>, assembles with copy_file_range, publishes and leaves <c>&lt;id&gt;.done</c>
/// so that a retried Complete answers the same result.
/// </summary>
internal sealed class MultipartStore(
    StorageOptions options, TimeProvider time, VolumeRegistry volumes, Staging staging, MetadataStore metadata, Publisher publisher)
{
    private readonly PlacedParts placed = new(staging);
    private readonly Claims claims = new(staging);

    /// <summary>Test seam: called after each durable step of a Complete (null in the server).</summary>
    internal Action<CompleteStep>? StepHook { get; set; }

    public Task<MultipartUploadInfo> CreateAsync(string volume, string key, ObjectMetadata meta, string owner, UploadChecksum? checksum)
    {
        var parsed = ObjectKey.Parse(key);
        if (parsed.IsDirectory)
        {
            throw new S3Exception(S3Errors.InvalidObjectName, "A directory key cannot be uploaded in parts.");
        }

        RecordCodec.CheckUserMetadataSize(meta);
        using var vol = volumes.Open(volume);
        using var root = staging.OpenRoot(vol, create: true)!;
        var now = time.GetUtcNow();
        for (var attempt = 0; ; attempt++)
        {
            var id = UploadIds.New(now);
            var e = Fs.TryMkdirAt(root, id, staging.Ownership.CreateDirMode);
            if (e == Errno.EEXIST && attempt < 5)
            {
                continue;
            }

            if (e != 0)
            {
                throw FsErrors.Map(e, FsOp.Write, "mkdir upload");
            }

            var info = new MultipartUploadInfo(key, id, now, owner, meta) { Checksum = checksum };
            using var dir = staging.OpenDir(root, id, create: false)!;
            staging.Ownership.Apply(dir, directory: true);
            staging.WriteSmallFile(dir, UploadIds.RecordName, RecordCodec.EncodeUpload(info));
            return Task.FromResult(info);
        }
    }

    public Task<MultipartUploadInfo> GetAsync(string volume, string key, string uploadId)
    {
        using var vol = volumes.Open(volume);
        using var dir = OpenUpload(vol, uploadId, out var info);
        return info.Key == key ? Task.FromResult(info) : throw new S3Exception(S3Errors.NoSuchUpload);
    }

    public async Task<PartInfo> UploadPartAsync(string volume, string key, string uploadId, int partNumber, Stream body, PutObjectOptions opts, CancellationToken ct)
    {
        if (partNumber < 1 || partNumber > options.MaxParts)
        {
            throw new S3Exception(S3Errors.InvalidArgument, $"Part number must be an integer between 1 and {options.MaxParts}, inclusive.");
        }

        using var vol = volumes.Open(volume);
        using var dir = OpenUpload(vol, uploadId, out var info);
        if (info.Key != key)
        {
            throw new S3Exception(S3Errors.NoSuchUpload);
        }

        using var space = Capacity?.Begin(vol);
        if (options.PlacedParts && opts.ContentLength is > 0 and var length && length <= options.MaxPartSize
            && await TryPlaceAsync(dir, partNumber, length, body, opts, space, ct).ConfigureAwait(false) is { } placedPart)
        {
            space?.Commit(placedPart.Size, 0);
            return placedPart;
        }

        var tmpDir = staging.OpenTmp(vol);
        using var temp = new TempFile(tmpDir, staging.CreateFile(tmpDir, out var name), name);
        var (size, md5) = await BodyReceiver.ReceiveAsync(temp, body, opts, options.MaxPartSize, space, ct).ConfigureAwait(false);
        var replaced = CapacityTracker.FileSize(dir, UploadIds.PartName(partNumber));
        var part = StagePart(dir, temp, partNumber, size, md5, opts.VerifiedChecksums?.Invoke());
        space?.Commit(size, replaced);
        return part;
    }

    /// <summary>
    /// Writes the first upload of a part no longer than the upload's stride into its region of the data file; null
    /// (nothing read from the body) when it must be staged as a file: longer than the stride, its region being
    /// written by another request, a part of that number already staged, or no OFD locks on this filesystem.
    /// </summary>
    private async Task<PartInfo?> TryPlaceAsync(
        SafeFileHandle dir, int partNumber, long length, Stream body, PutObjectOptions opts, SpaceReservation? space, CancellationToken ct)
    {
        var stride = placed.Stride(dir, length);
        if (stride <= 0 || length > stride || partNumber * stride > options.MaxObjectSize)
        {
            return null;
        }

        using var region = placed.TryLock(dir, stride, partNumber);
        if (region is null || ReadPart(dir, partNumber) is not null)
        {
            return null;
        }

        long size;
        byte[] md5;
        try
        {
            (size, md5) = await BodyReceiver.ReceiveAsync(region.File, region.Offset, body, opts, length, space, ct).ConfigureAwait(false);
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

    /// <summary>Capacity accounting of staged parts (docs/storage.md "Capacity"); null: none.</summary>
    internal CapacityTracker? Capacity { get; init; }

    /// <summary>Moves a finished (fsynced) temp file into the upload as part <paramref name="partNumber"/> (replacing one) and writes its record.</summary>
    internal PartInfo StagePart(SafeFileHandle dir, TempFile temp, int partNumber, long size, byte[] md5, IReadOnlyDictionary<string, string>? checksums)
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

    public Task<ListPartsPage> ListPartsAsync(string volume, string key, string uploadId, int marker, int maxParts)
    {
        using var vol = volumes.Open(volume);
        using var dir = OpenUpload(vol, uploadId, out var info);
        if (info.Key != key)
        {
            throw new S3Exception(S3Errors.NoSuchUpload);
        }

        var numbers = PartNumbers(dir);
        var parts = new List<PartInfo>();
        var truncated = false;
        foreach (var n in numbers)
        {
            if (n <= marker)
            {
                continue;
            }

            if (parts.Count >= Math.Max(0, maxParts))
            {
                truncated = true;
                break;
            }

            if (ReadPart(dir, n) is { } p)
            {
                parts.Add(p.Info);
            }
        }

        return Task.FromResult(new ListPartsPage(parts, truncated, parts.Count > 0 ? parts[^1].PartNumber : 0));
    }

    public async Task<ObjectInfo> CompleteAsync(
        string volume, string key, string uploadId, IReadOnlyList<CompletedPart> parts, CompleteOptions completeOptions, CancellationToken ct)
    {
        var parsed = ObjectKey.Parse(key);
        var conditions = WriteConditions.Parse(completeOptions.IfNoneMatch, completeOptions.IfMatch);
        if (parts.Count == 0)
        {
            throw new S3Exception(S3Errors.MalformedXML, "You must specify at least one part.");
        }

        for (var i = 1; i < parts.Count; i++)
        {
            if (parts[i].PartNumber <= parts[i - 1].PartNumber)
            {
                throw new S3Exception(S3Errors.InvalidPartOrder);
            }
        }

        if (!UploadIds.IsValid(uploadId))
        {
            throw new S3Exception(S3Errors.NoSuchUpload);
        }

        using var vol = volumes.Open(volume);
        using var root = staging.OpenRoot(vol, create: false) ?? throw new S3Exception(S3Errors.NoSuchUpload);
        var claimed = UploadIds.CompletingPrefix + uploadId;
        var e = Fs.TryRenameAt(root, uploadId, root, claimed);
        if (e != 0)
        {
            if (Staging.ReadSmallFile(root, uploadId + UploadIds.DoneSuffix) is { } done
                && RecordCodec.DecodeDone(done) is { } previous && previous.Key == key)
            {
                RemoveAbandonedClaim(root, claimed);
                return previous;
            }

            if (Fs.TryStatAt(root, claimed, follow: false, out _) != 0)
            {
                throw new S3Exception(S3Errors.NoSuchUpload);
            }
        }

        // Held while this process completes: housekeeping and retries (of any replica) take a claimed upload over only
        // when they can take this lock, i.e. when its completer is gone.
        using var completerLock = UploadIds.LockClaim(root, claimed, out var locked);
        if (e != 0 && !locked)
        {
            throw new S3Exception(S3Errors.ConditionalRequestConflict, "This upload is being completed by another request; retry.");
        }

        try
        {
            StepHook?.Invoke(CompleteStep.Claimed);

            // A completer that died after publishing left its intent: its answer is this Complete's.
            if (claims.FinishPublished(vol, root, claimed, uploadId) is { } published)
            {
                return published.Key == key ? published : throw new S3Exception(S3Errors.NoSuchUpload);
            }

            conditions?.Check(vol, parsed, metadata); // fail fast, before copying; checked again under the key lock
            var result = await AssembleAsync(vol, root, claimed, parsed, parts, completeOptions, conditions, ct).ConfigureAwait(false);
            StepHook?.Invoke(CompleteStep.Published);
            staging.WriteSmallFile(root, uploadId + UploadIds.DoneSuffix, RecordCodec.EncodeDone(result));
            StepHook?.Invoke(CompleteStep.Recorded);
            Fs.RemoveFlatTree(root, claimed);
            return result;
        }
        catch (Exception failure) when (failure is not SimulatedCrash)
        {
            // Returned to its id so that the client can fix and retry, unless it was published already (a failure
            // after the publish): then it is finished, and a retry answers the result.
            claims.Settle(vol, root, claimed);
            throw;
        }
    }

    /// <summary>A claimed folder left by a completer that died after writing the completion record.</summary>
    private static void RemoveAbandonedClaim(SafeFileHandle root, string claimed)
    {
        if (Fs.TryStatAt(root, claimed, follow: false, out _) != 0)
        {
            return;
        }

        using var claimLock = UploadIds.LockClaim(root, claimed, out var locked);
        if (locked)
        {
            Fs.RemoveFlatTree(root, claimed);
        }
    }

    public Task AbortAsync(string volume, string key, string uploadId)
    {
        using var vol = volumes.Open(volume);
        using (OpenUpload(vol, uploadId, out var info))
        {
            if (info.Key != key)
            {
                throw new S3Exception(S3Errors.NoSuchUpload);
            }
        }

        using var root = staging.OpenRoot(vol, create: false)!;
        Fs.RemoveFlatTree(root, uploadId);
        return Task.CompletedTask;
    }

    private async Task<ObjectInfo> AssembleAsync(
        Volume vol, SafeFileHandle root, string claimed, ParsedKey key, IReadOnlyList<CompletedPart> parts,
        CompleteOptions completeOptions, WriteConditions? conditions, CancellationToken ct)
    {
        using var dir = staging.OpenDir(root, claimed, create: false) ?? throw new S3Exception(S3Errors.NoSuchUpload);
        var info = ReadUpload(dir) ?? throw new S3Exception(S3Errors.NoSuchUpload);
        if (info.Key != key.Key)
        {
            throw new S3Exception(S3Errors.NoSuchUpload);
        }

        MultipartChecksums.CheckCompleteType(completeOptions.ChecksumType, info.Checksum);

        var staged = new StagedPart[parts.Count];
        var partChecksums = new IReadOnlyDictionary<string, string>?[parts.Count];
        var sizes = new long[parts.Count];
        try
        {
            long total = 0;
            for (var i = 0; i < parts.Count; i++)
            {
                var p = ReadPart(dir, parts[i].PartNumber, keepOpen: true);
                if (p is null || p.Info.ETag.Trim('"') != ETags.Normalize(parts[i].ETag) || !PartChecksumsMatch(parts[i], p.Info))
                {
                    p?.File?.Dispose();
                    throw new S3Exception(S3Errors.InvalidPart);
                }

                staged[i] = p;
                partChecksums[i] = p.Info.Checksums;
                sizes[i] = p.Info.Size;
                total += p.Info.Size;
            }

            if (total > options.MaxObjectSize)
            {
                throw new S3Exception(S3Errors.EntityTooLarge);
            }

            var checksums = MultipartChecksums.Compute(partChecksums, sizes, completeOptions.ExpectedChecksums, info.Checksum);
            var digests = new byte[16 * parts.Count];
            for (var i = 0; i < staged.Length; i++)
            {
                Convert.FromHexString(staged[i].Info.ETag.Trim('"')).CopyTo(digests, 16 * i);
            }

            var etag = ETags.Hex(MD5.HashData(digests)) + "-" + parts.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var meta = info.Metadata with { Checksums = checksums };
            var adopted = AdoptDataFile(root, claimed, dir, staged, total);
            using var temp = adopted ?? await CopyPartsAsync(vol, staged, ct).ConfigureAwait(false);
            Fs.Fsync(temp.File, FsOp.Write);
            var st = Fs.Fstat(temp.File, FsOp.Write);
            var record = new ObjectRecord(st.Ino, (long)st.Size, st.MtimeNs, etag, meta);
            var result = ObjectInfos.File(key.Key, st, record);
            StepHook?.Invoke(CompleteStep.Assembled);

            // Written before the publish: a retry or housekeeping after a crash tells from it whether this publish happened.
            staging.WriteSmallFile(dir, CompletionIntent.Name, new CompletionIntent(st.Ino, (long)st.Size, st.MtimeNs, adopted is not null, result).Encode());
            StepHook?.Invoke(CompleteStep.IntentWritten);
            publisher.Publish(vol, temp, key, record, conditions);
            return result;
        }
        finally
        {
            foreach (var s in staged)
            {
                s?.File?.Dispose();
            }
        }
    }

    /// <summary>Assembles the parts into a new temp file (copy_file_range: clones where the filesystem can).</summary>
    private async Task<TempFile> CopyPartsAsync(Volume vol, StagedPart[] staged, CancellationToken ct)
    {
        var tmpDir = staging.OpenTmp(vol);
        var temp = new TempFile(tmpDir, staging.CreateFile(tmpDir, out var name), name);
        try
        {
            long offset = 0;
            foreach (var part in staged)
            {
                await FileCopier.CopyAsync(part.File!, part.Offset, temp.File, offset, part.Info.Size, ct).ConfigureAwait(false);
                offset += part.Info.Size;
            }

            return temp;
        }
        catch
        {
            temp.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The data file of placed parts as the object, when the completed parts are 1..k, all placed, all but the last
    /// exactly one stride long, no committed placed part follows them and no part is being written: it is cut to the
    /// total (dropping regions of unfinished writes) and published as it is. Null when any of that does not hold. The
    /// file stays in the upload when publishing fails, so the upload can still be completed.
    /// </summary>
    private TempFile? AdoptDataFile(SafeFileHandle root, string claimed, SafeFileHandle dir, StagedPart[] staged, long total)
    {
        var stride = PlacedParts.ReadStride(dir);
        for (var i = 0; i < staged.Length; i++)
        {
            var p = staged[i];
            if (!p.Placed || p.Info.PartNumber != i + 1 || (i < staged.Length - 1 && p.Info.Size != stride))
            {
                return null;
            }
        }

        foreach (var n in PartNumbers(dir))
        {
            if (n > staged.Length && PlacedParts.Read(dir, n, keepOpen: false) is not null)
            {
                return null;
            }
        }

        var file = PlacedParts.TryLockAll(dir, Fs.Fstat(staged[0].File!, FsOp.Read).Ino);
        if (file is null)
        {
            return null;
        }

        var e = (long)Fs.Fstat(file, FsOp.Write).Size > total ? Fs.TryTruncate(file, total) : 0;
        if (e != 0)
        {
            file.Dispose();
            throw FsErrors.Map(e, FsOp.Write, "truncate placed parts");
        }

        return new TempFile(staging.OpenDir(root, claimed, create: false)!, file, UploadIds.PlacedDataName) { KeepUnpublished = true };
    }

    /// <summary>Every checksum the client names for a part must be the one stored with the part.</summary>
    private static bool PartChecksumsMatch(CompletedPart given, PartInfo staged)
    {
        if (given.Checksums is null)
        {
            return true;
        }

        foreach (var (alg, value) in given.Checksums)
        {
            if (staged.Checksums is null || !staged.Checksums.TryGetValue(alg.ToUpperInvariant(), out var stored)
                || !string.Equals(stored, value.Trim(), StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    internal SafeFileHandle OpenUpload(Volume vol, string uploadId, out MultipartUploadInfo info)
    {
        if (!UploadIds.IsValid(uploadId))
        {
            throw new S3Exception(S3Errors.NoSuchUpload);
        }

        using var root = staging.OpenRoot(vol, create: false) ?? throw new S3Exception(S3Errors.NoSuchUpload);
        var dir = staging.OpenDir(root, uploadId, create: false) ?? throw new S3Exception(S3Errors.NoSuchUpload);
        var rec = ReadUpload(dir);
        if (rec is null)
        {
            dir.Dispose();
            throw new S3Exception(S3Errors.NoSuchUpload);
        }

        info = rec;
        return dir;
    }

    internal static MultipartUploadInfo? ReadUpload(SafeFileHandle dir) =>
        Staging.ReadSmallFile(dir, UploadIds.RecordName) is { } data ? RecordCodec.DecodeUpload(data) : null;

    private static SortedSet<int> PartNumbers(SafeFileHandle dir)
    {
        var entries = new List<DirEntry>();
        Fs.TryReadDir(dir, entries, null);
        var numbers = new SortedSet<int>();
        foreach (var e in entries)
        {
            if (UploadIds.TryParsePartName(e.Name, out var n) || PlacedParts.TryParseRecordName(e.Name, out n))
            {
                numbers.Add(n);
            }
        }

        return numbers;
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

    /// <summary>
    /// Part <paramref name="number"/>: staged as a file, else placed. A staged file wins: a part is placed only by its
    /// first upload, so a staged file of the same number is a later upload.
    /// </summary>
    private static StagedPart? ReadPart(SafeFileHandle dir, int number, bool keepOpen = false)
    {
        var name = UploadIds.PartName(number);
        if (Beneath.TryOpen(dir, name, Libc.O_RDONLY | Libc.O_NOFOLLOW | Libc.O_NONBLOCK, 0, out var h) != 0)
        {
            return PlacedParts.Read(dir, number, keepOpen) is { } p ? new StagedPart(p.Info, p.File, p.Offset, Placed: true) : null;
        }

        var st = Fs.Fstat(h!, FsOp.Read);
        var data = Staging.ReadSmallFile(dir, UploadIds.PartRecordName(name, st.Ino)) ?? Staging.ReadSmallFile(dir, name + ".meta");
        var rec = data is null ? null : RecordCodec.DecodeObject(data);
        if (!st.IsRegular || rec is null || !rec.Matches(st.Ino, (long)st.Size, st.MtimeNs))
        {
            h!.Dispose();
            return null;
        }

        var info = new PartInfo(number, (long)st.Size, st.LastModified, ETags.Quote(rec.ETag))
        {
            Checksums = rec.Metadata.Checksums.Count > 0 ? rec.Metadata.Checksums : null,
        };
        if (!keepOpen)
        {
            h!.Dispose();
            h = null;
        }

        return new StagedPart(info, h, 0, Placed: false);
    }

    /// <summary>A part's bytes: <paramref name="File"/> (when kept open) from <paramref name="Offset"/>, <c>Info.Size</c> long.</summary>
    private sealed record StagedPart(PartInfo Info, SafeFileHandle? File, long Offset, bool Placed);
}
