using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;
using S3Spec.Core.Checksums;
using S3Spec.Core.Errors;
using S3Spec.Storage.Capacity;
using S3Spec.Storage.Checksums;
using S3Spec.Storage.Metadata;
using S3Spec.Posix;
using S3Spec.Storage.Contract;
using S3Spec.Storage.Posix;
using S3Spec.Storage.Writing;

namespace S3Spec.Storage.Multipart;

/// <summary>
/// CompleteMultipartUpload: claims the upload folder by renaming it to <c>.completing-&lt;id&gt;</c>, assembles the
/// parts (adopting the placed parts' data file, else a staged write of copy_file_range), publishes and leaves
/// <c>&lt;id&gt;.done</c> so that a retried Complete answers the same result (docs/storage.md "Multipart").
/// </summary>
internal sealed class Completer(StorageOptions options, VolumeRegistry volumes, Staging staging, MetadataStore metadata, Publisher publisher, StagedWrites writes)
{
    private readonly Claims claims = new(staging);

    /// <summary>Test seam: called after each durable step of a Complete (null in the server).</summary>
    internal Action<CompleteStep>? StepHook { get; set; }

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
        using var completerLock = ClaimLocks.LockClaim(root, claimed, out var locked);
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

        using var claimLock = ClaimLocks.LockClaim(root, claimed, out var locked);
        if (locked)
        {
            Fs.RemoveFlatTree(root, claimed);
        }
    }

    private async Task<ObjectInfo> AssembleAsync(
        Volume vol, SafeFileHandle root, string claimed, ParsedKey key, IReadOnlyList<CompletedPart> parts,
        CompleteOptions completeOptions, WriteConditions? conditions, CancellationToken ct)
    {
        using var dir = staging.OpenDir(root, claimed, create: false) ?? throw new S3Exception(S3Errors.NoSuchUpload);
        var info = Uploads.ReadUpload(dir) ?? throw new S3Exception(S3Errors.NoSuchUpload);
        if (info.Key != key.Key)
        {
            throw new S3Exception(S3Errors.NoSuchUpload);
        }

        MultipartChecksums.CheckCompleteType(completeOptions.ChecksumType, info.Checksum);

        var staged = new Uploads.StagedPart[parts.Count];
        var partChecksums = new ChecksumSet?[parts.Count];
        var sizes = new long[parts.Count];
        try
        {
            long total = 0;
            for (var i = 0; i < parts.Count; i++)
            {
                var p = Uploads.ReadPart(dir, parts[i].PartNumber, keepOpen: true);
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
            using var write = adopted is not null ? writes.Adopt(vol, adopted) : await CopyPartsAsync(vol, staged, ct).ConfigureAwait(false);
            var temp = write.Temp;
            Fs.Fsync(temp.File, FsOp.Write);
            var st = Fs.Fstat(temp.File, FsOp.Write);
            var record = new ObjectRecord(st.Ino, (long)st.Size, st.MtimeNs, etag, meta);
            var result = ObjectInfos.File(key.Key, st, record);
            StepHook?.Invoke(CompleteStep.Assembled);

            // Written before the publish: a retry or housekeeping after a crash tells from it whether this publish happened.
            staging.WriteSmallFile(dir, CompletionIntent.Name, new CompletionIntent(st.Ino, (long)st.Size, st.MtimeNs, adopted is not null, result).Encode());
            StepHook?.Invoke(CompleteStep.IntentWritten);
            await publisher.PublishAsync(vol, temp, key, record, conditions).ConfigureAwait(false);
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

    /// <summary>Assembles the parts into a staged write (copy_file_range: clones where the filesystem can).</summary>
    private async Task<StagedWrite> CopyPartsAsync(Volume vol, Uploads.StagedPart[] staged, CancellationToken ct)
    {
        var write = writes.Begin(vol);
        try
        {
            long offset = 0;
            foreach (var part in staged)
            {
                await write.CopyAsync(part.File!, part.Offset, offset, part.Info.Size, ct).ConfigureAwait(false);
                offset += part.Info.Size;
            }

            return write;
        }
        catch
        {
            write.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The data file of placed parts as the object, when the completed parts are 1..k, all placed, all but the last
    /// exactly one stride long, no committed placed part follows them and no part is being written: it is cut to the
    /// total (dropping regions of unfinished writes) and published as it is. Null when any of that does not hold. The
    /// file stays in the upload when publishing fails, so the upload can still be completed.
    /// </summary>
    private TempFile? AdoptDataFile(SafeFileHandle root, string claimed, SafeFileHandle dir, Uploads.StagedPart[] staged, long total)
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

        foreach (var n in Uploads.PartNumbers(dir))
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

}
