using S3Spec.Core.Checksums;
using S3Spec.Core.Errors;
using S3Spec.Storage.Contract;

namespace S3Spec.Storage.Metadata;

/// <summary>Compact versioned binary encoding of the records the store keeps (xattr values and small files).</summary>
internal static class RecordCodec
{
    private const byte ObjectVersion = 1;
    private const byte UploadVersion = 1;
    private const byte DoneVersion = 1;

    public static byte[] EncodeObject(ObjectRecord r)
    {
        using var ms = new MemoryStream();
        using var w = new BinaryWriter(ms);
        w.Write(ObjectVersion);
        w.Write(r.Ino);
        w.Write(r.Size);
        w.Write(r.MtimeNs);
        w.Write(r.ETag);
        WriteMetadata(w, r.Metadata);
        w.Flush();
        return ms.ToArray();
    }

    public static ObjectRecord? DecodeObject(byte[] data)
    {
        try
        {
            using var r = new BinaryReader(new MemoryStream(data));
            if (r.ReadByte() != ObjectVersion)
            {
                return null;
            }

            return new ObjectRecord(r.ReadUInt64(), r.ReadInt64(), r.ReadInt64(), r.ReadString(), ReadMetadata(r));
        }
        catch (EndOfStreamException)
        {
            return null;
        }
    }

    public static byte[] EncodeUpload(MultipartUploadInfo u)
    {
        using var ms = new MemoryStream();
        using var w = new BinaryWriter(ms);
        w.Write(UploadVersion);
        w.Write(u.Key);
        w.Write(u.UploadId);
        w.Write(u.Initiated.ToUnixTimeMilliseconds());
        w.Write(u.Owner);
        WriteMetadata(w, u.Metadata);

        // Appended fields: a reader that predates them stops before them, and a record without them reads as none.
        WriteOpt(w, u.Checksum?.Algorithm);
        WriteOpt(w, u.Checksum?.Type);
        w.Flush();
        return ms.ToArray();
    }

    public static MultipartUploadInfo? DecodeUpload(byte[] data)
    {
        try
        {
            using var r = new BinaryReader(new MemoryStream(data));
            if (r.ReadByte() != UploadVersion)
            {
                return null;
            }

            var info = new MultipartUploadInfo(
                r.ReadString(), r.ReadString(), DateTimeOffset.FromUnixTimeMilliseconds(r.ReadInt64()), r.ReadString(), ReadMetadata(r));
            if (r.BaseStream.Position == r.BaseStream.Length)
            {
                return info;
            }

            var algorithm = ReadOpt(r);
            var type = ReadOpt(r);
            return algorithm is null || type is null ? info : info with { Checksum = new UploadChecksum(algorithm, type) };
        }
        catch (EndOfStreamException)
        {
            return null;
        }
    }

    public static byte[] EncodeDone(ObjectInfo info)
    {
        using var ms = new MemoryStream();
        using var w = new BinaryWriter(ms);
        w.Write(DoneVersion);
        w.Write(info.Key);
        w.Write(info.ETag);
        w.Write(info.Size);
        w.Write(info.LastModified.UtcTicks);
        WriteMap(w, info.Metadata.Checksums);
        w.Flush();
        return ms.ToArray();
    }

    public static ObjectInfo? DecodeDone(byte[] data)
    {
        try
        {
            using var r = new BinaryReader(new MemoryStream(data));
            if (r.ReadByte() != DoneVersion)
            {
                return null;
            }

            var info = new ObjectInfo
            {
                Key = r.ReadString(),
                ETag = r.ReadString(),
                Size = r.ReadInt64(),
                LastModified = new DateTimeOffset(r.ReadInt64(), TimeSpan.Zero),
            };
            return r.BaseStream.Position == r.BaseStream.Length ? info
                : info with { Metadata = info.Metadata with { Checksums = ReadChecksums(r) } };
        }
        catch (EndOfStreamException)
        {
            return null;
        }
    }

    /// <summary>Sum of the UTF-8 lengths of user metadata names and values (S3 limit: 2 KB).</summary>
    public static void CheckUserMetadataSize(ObjectMetadata m)
    {
        var total = 0;
        foreach (var (k, v) in m.User)
        {
            total += System.Text.Encoding.UTF8.GetByteCount(k) + System.Text.Encoding.UTF8.GetByteCount(v);
        }

        if (total > 2048)
        {
            throw new S3Exception(S3Errors.MetadataTooLarge);
        }
    }

    private static void WriteMetadata(BinaryWriter w, ObjectMetadata m)
    {
        WriteOpt(w, m.ContentType);
        WriteOpt(w, m.ContentEncoding);
        WriteOpt(w, m.ContentDisposition);
        WriteOpt(w, m.ContentLanguage);
        WriteOpt(w, m.CacheControl);
        WriteOpt(w, m.Expires);
        WriteMap(w, m.User);
        WriteMap(w, m.Checksums);
    }

    private static ObjectMetadata ReadMetadata(BinaryReader r) => new()
    {
        ContentType = ReadOpt(r),
        ContentEncoding = ReadOpt(r),
        ContentDisposition = ReadOpt(r),
        ContentLanguage = ReadOpt(r),
        CacheControl = ReadOpt(r),
        Expires = ReadOpt(r),
        User = ReadMap(r),
        Checksums = ReadChecksums(r),
    };

    /// <summary>The stored checksums; a name of no S3 algorithm (another tool's record) is passed over.</summary>
    private static ChecksumSet ReadChecksums(BinaryReader r) =>
        ChecksumSet.From(ReadMap(r).Where(static e => ChecksumAlgorithms.TryParse(e.Key, out _)));

    private static void WriteOpt(BinaryWriter w, string? s)
    {
        w.Write(s is not null);
        if (s is not null)
        {
            w.Write(s);
        }
    }

    private static string? ReadOpt(BinaryReader r) => r.ReadBoolean() ? r.ReadString() : null;

    private static void WriteMap(BinaryWriter w, IReadOnlyDictionary<string, string> map)
    {
        w.Write(map.Count);
        foreach (var (k, v) in map)
        {
            w.Write(k);
            w.Write(v);
        }
    }

    private static Dictionary<string, string> ReadMap(BinaryReader r)
    {
        var n = r.ReadInt32();
        if (n is < 0 or > 10_000)
        {
            throw new EndOfStreamException();
        }

        var map = new Dictionary<string, string>(n, StringComparer.Ordinal);
        for (var i = 0; i < n; i++)
        {
            map[r.ReadString()] = r.ReadString();
        }

        return map;
    }
}
