using System.Globalization;
using Microsoft.Win32.SafeHandles;
using S3Spec.Core.Errors;
using S3Spec.Storage.Metadata;
using S3Spec.Posix;
using S3Spec.Storage.Contract;
using S3Spec.Storage.Posix;

namespace S3Spec.Storage.Multipart;

/// <summary>
/// Parts written in place (docs/storage.md "Placed parts"): the upload's first part fixes a stride S
/// (<c>parts.stride</c>); a first upload of part n no longer than S is written into the upload's data file
/// (<c>parts.data</c>) at (n-1)·S under an exclusive OFD lock on that region, and committed by its record
/// <c>part-NNNNN.placed</c>. Committed regions are never written again. When the completed parts are 1..k, all placed,
/// all but the last exactly S long, the data file is the object.
/// </summary>
internal sealed class PlacedParts(Staging staging)
{
    public const string StrideName = "parts.stride";
    private const string RecordSuffix = ".placed";

    public static string RecordName(int partNumber) => UploadIds.PartName(partNumber) + RecordSuffix;

    public static bool TryParseRecordName(string name, out int partNumber)
    {
        partNumber = 0;
        return name.EndsWith(RecordSuffix, StringComparison.Ordinal)
            && UploadIds.TryParsePartName(name[..^RecordSuffix.Length], out partNumber);
    }

    /// <summary>The upload's stride; 0 when none is set.</summary>
    public static long ReadStride(SafeFileHandle dir) =>
        Staging.ReadSmallFile(dir, StrideName) is { } data
        && long.TryParse(data, NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s > 0 ? s : 0;

    /// <summary>The upload's stride, set to <paramref name="length"/> when none is set yet (the first writer wins); 0 when it cannot be set.</summary>
    public long Stride(SafeFileHandle dir, long length)
    {
        var stride = ReadStride(dir);
        if (stride > 0)
        {
            return stride;
        }

        var e = staging.TryCreateSmallFile(dir, StrideName, System.Text.Encoding.ASCII.GetBytes(length.ToString(CultureInfo.InvariantCulture)));
        return e is 0 or Errno.EEXIST ? ReadStride(dir) : 0;
    }

    /// <summary>
    /// Opens the data file and locks the region of part <paramref name="partNumber"/> for writing; null when the
    /// region is being written by another request or locks are unavailable (the part is then staged as a file).
    /// </summary>
    public Region? TryLock(SafeFileHandle dir, long stride, int partNumber)
    {
        var e = Beneath.TryOpen(dir, UploadIds.PlacedDataName, Libc.O_RDWR | Libc.O_CREAT | Libc.O_EXCL | Libc.O_NOFOLLOW, staging.Ownership.CreateFileMode, out var h);
        if (e == 0)
        {
            staging.Ownership.Apply(h!, directory: false);
        }
        else if (e != Errno.EEXIST || Beneath.TryOpen(dir, UploadIds.PlacedDataName, Libc.O_RDWR | Libc.O_NOFOLLOW | Libc.O_NONBLOCK, 0, out h) != 0)
        {
            return null;
        }

        // A data file with another name (a hard link planted beside the server) may be a file outside the upload:
        // it is never written in place; the part is staged as a file instead.
        var start = (partNumber - 1) * stride;
        var st = Fs.Fstat(h!, FsOp.Write);
        if (!st.IsRegular || st.Nlink != 1 || Fs.TryLockRange(h!, start, stride) != 0 || !IsCurrent(dir, h!))
        {
            h!.Dispose();
            return null;
        }

        return new Region(h!, start);
    }

    /// <summary>Locks the whole data file (no part is being written) when it is still the upload's; null otherwise.</summary>
    public static SafeFileHandle? TryLockAll(SafeFileHandle dir, ulong ino)
    {
        if (Beneath.TryOpen(dir, UploadIds.PlacedDataName, Libc.O_RDWR | Libc.O_NOFOLLOW | Libc.O_NONBLOCK, 0, out var h) != 0)
        {
            return null;
        }

        if (Fs.Fstat(h!, FsOp.Write).Ino != ino || Fs.TryLockRange(h!, 0, 0) != 0)
        {
            h!.Dispose();
            return null;
        }

        return h;
    }

    /// <summary>Commits a written region: the part's record names the data file's inode.</summary>
    public PartInfo Commit(SafeFileHandle dir, Region region, int partNumber, long size, string etag, ObjectMetadata meta, DateTimeOffset now)
    {
        var ino = Fs.Fstat(region.File, FsOp.Write).Ino;
        var nowNs = (now - DateTimeOffset.UnixEpoch).Ticks * 100; // an ObjectRecord keeps nanoseconds
        staging.WriteSmallFile(dir, RecordName(partNumber), RecordCodec.EncodeObject(new ObjectRecord(ino, size, nowNs, etag, meta)));
        return Info(partNumber, size, nowNs, etag, meta);
    }

    /// <summary>A committed placed part, with the data file opened read-only when asked; null when absent or inconsistent.</summary>
    public static (PartInfo Info, SafeFileHandle? File, long Offset)? Read(SafeFileHandle dir, int partNumber, bool keepOpen)
    {
        var data = Staging.ReadSmallFile(dir, RecordName(partNumber));
        var rec = data is null ? null : RecordCodec.DecodeObject(data);
        var stride = rec is null ? 0 : ReadStride(dir);
        if (rec is null || stride <= 0 || rec.Size > stride)
        {
            return null;
        }

        if (Beneath.TryOpen(dir, UploadIds.PlacedDataName, Libc.O_RDONLY | Libc.O_NOFOLLOW | Libc.O_NONBLOCK, 0, out var h) != 0)
        {
            return null;
        }

        var offset = (partNumber - 1) * stride;
        var st = Fs.Fstat(h!, FsOp.Read);
        if (!st.IsRegular || st.Ino != rec.Ino || (long)st.Size < offset + rec.Size)
        {
            h!.Dispose();
            return null;
        }

        var info = Info(partNumber, rec.Size, rec.MtimeNs, rec.ETag, rec.Metadata);
        if (!keepOpen)
        {
            h!.Dispose();
            return (info, null, offset);
        }

        return (info, h, offset);
    }

    private static PartInfo Info(int partNumber, long size, long timeNs, string etag, ObjectMetadata meta) =>
        new(partNumber, size, DateTimeOffset.UnixEpoch.AddTicks(timeNs / 100), ETags.Quote(etag))
        {
            Checksums = meta.Checksums.Count > 0 ? meta.Checksums : null,
        };

    /// <summary>The handle is still the file named <c>parts.data</c> in the upload (a Complete moves it away).</summary>
    private static bool IsCurrent(SafeFileHandle dir, SafeFileHandle h) =>
        Fs.TryStatAt(dir, UploadIds.PlacedDataName, follow: false, out var named) == 0 && named.Ino == Fs.Fstat(h, FsOp.Write).Ino;

    /// <summary>A locked region of the data file; disposing it releases the lock.</summary>
    internal sealed class Region(SafeFileHandle file, long offset) : IDisposable
    {
        public SafeFileHandle File { get; } = file;

        public long Offset { get; } = offset;

        public void Dispose() => File.Dispose();
    }
}
