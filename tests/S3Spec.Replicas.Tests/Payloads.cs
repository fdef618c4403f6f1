using System.Security.Cryptography;

namespace S3Spec.Replicas.Tests;

internal static class Payloads
{
    /// <summary>Random bytes, distinct on every call.</summary>
    public static byte[] Random(int size) => RandomNumberGenerator.GetBytes(size);

    public static string Md5Hex(byte[] data) => Convert.ToHexStringLower(MD5.HashData(data));

    /// <summary>The multipart ETag S3 gives these parts: hex(MD5(concatenated part MD5s)) + "-N", quoted.</summary>
    public static string MultipartETag(IReadOnlyList<byte[]> parts)
    {
        var digests = new byte[16 * parts.Count];
        for (var i = 0; i < parts.Count; i++)
        {
            MD5.HashData(parts[i]).CopyTo(digests, 16 * i);
        }

        return $"\"{Convert.ToHexStringLower(MD5.HashData(digests))}-{parts.Count}\"";
    }

    public static byte[] Concat(IReadOnlyList<byte[]> parts)
    {
        var all = new byte[parts.Sum(p => p.Length)];
        var offset = 0;
        foreach (var p in parts)
        {
            p.CopyTo(all, offset);
            offset += p.Length;
        }

        return all;
    }

    public static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }
}
