using System.Buffers.Binary;
using System.Security.Cryptography;

namespace S3Spec.Storage.Metadata;

/// <summary>ETag forms: MD5 of the content (written through the API), multipart "md5-N", and the external form.</summary>
internal static class ETags
{
    public const string EmptyMd5 = "d41d8cd98f00b204e9800998ecf8427e";

    public static string Quote(string etag) => "\"" + etag + "\"";

    public static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);

    /// <summary>
    /// For files written by other programs: a hash of the file identity (never of its content), with a "-1"
    /// suffix so that clients do not verify it as an MD5. Changes whenever the file is rewritten.
    /// </summary>
    public static string External(ulong ino, long size, long mtimeNs)
    {
        Span<byte> identity = stackalloc byte[24];
        BinaryPrimitives.WriteUInt64LittleEndian(identity, ino);
        BinaryPrimitives.WriteInt64LittleEndian(identity[8..], size);
        BinaryPrimitives.WriteInt64LittleEndian(identity[16..], mtimeNs);
        Span<byte> hash = stackalloc byte[16];
        MD5.HashData(identity, hash);
        return Hex(hash) + "-1";
    }

    /// <summary>Strips the quotes (and a W/ prefix) a client may send; lower-case.</summary>
    public static string Normalize(string etag)
    {
        var e = etag.Trim();
        if (e.StartsWith("W/", StringComparison.Ordinal))
        {
            e = e[2..];
        }

        return e.Trim('"').ToLowerInvariant();
    }
}
