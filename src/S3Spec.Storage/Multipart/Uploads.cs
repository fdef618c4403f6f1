using Microsoft.Win32.SafeHandles;
using S3Spec.Core.Checksums;
using S3Spec.Core.Errors;
using S3Spec.Storage.Metadata;
using S3Spec.Posix;
using S3Spec.Storage.Contract;
using S3Spec.Storage.Posix;

namespace S3Spec.Storage.Multipart;

/// <summary>
/// Upload folders in <c>.s3compat_uploads/&lt;uploadId&gt;/</c>: the record <c>upload</c>, parts <c>part-NNNNN</c>
/// with their records (identity + MD5), or placed in <c>parts.data</c>. Create, Get, ListParts and Abort, and the
/// readers the part stager and the completer share.
/// </summary>
internal sealed class Uploads(TimeProvider time, VolumeRegistry volumes, Staging staging)
{
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

    internal static SortedSet<int> PartNumbers(SafeFileHandle dir)
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

    /// <summary>
    /// Part <paramref name="number"/>: staged as a file, else placed. A staged file wins: a part is placed only by its
    /// first upload, so a staged file of the same number is a later upload.
    /// </summary>
    internal static StagedPart? ReadPart(SafeFileHandle dir, int number, bool keepOpen = false)
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
    internal sealed record StagedPart(PartInfo Info, SafeFileHandle? File, long Offset, bool Placed);
}
