using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace S3Spec.Features.Drivers;

/// <summary>
/// The S3 checksums computed by the test itself (not by the SDK), base64 of the big-endian value as S3 sends them:
/// CRC32, CRC32C, CRC64NVME, SHA1, SHA256, and the composite "checksum of checksums-N" of a multipart upload.
/// </summary>
public static class Checksums
{
    private static readonly uint[] Crc32Table = Table32(0xEDB88320u);
    private static readonly uint[] Crc32CTable = Table32(0x82F63B78u);
    private static readonly ulong[] Crc64NvmeTable = Table64(0x9A6C9329AC4BC9B5ul);

    public static string Of(string algorithm, byte[] data) => Convert.ToBase64String(Raw(algorithm, data));

    /// <summary>The composite checksum of a multipart upload: the checksum of the parts' raw checksums, then "-N".</summary>
    public static string Composite(string algorithm, IReadOnlyList<byte[]> parts)
    {
        using var all = new MemoryStream();
        foreach (var part in parts)
        {
            all.Write(Raw(algorithm, part));
        }

        return $"{Of(algorithm, all.ToArray())}-{parts.Count.ToString(CultureInfo.InvariantCulture)}";
    }

    public static byte[] Raw(string algorithm, byte[] data) => algorithm.ToUpperInvariant() switch
    {
        "CRC32" => BigEndian(Crc32(Crc32Table, data)),
        "CRC32C" => BigEndian(Crc32(Crc32CTable, data)),
        "CRC64NVME" => BigEndian(Crc64(data)),
        "SHA1" => SHA1.HashData(data),
        "SHA256" => SHA256.HashData(data),
        _ => throw new ArgumentException($"Unknown checksum algorithm {algorithm}", nameof(algorithm)),
    };

    /// <summary>The header that carries it, e.g. x-amz-checksum-crc64nvme.</summary>
    public static string HeaderName(string algorithm) => "x-amz-checksum-" + algorithm.ToLowerInvariant();

    public static string Md5Base64(string text) => Convert.ToBase64String(MD5.HashData(Encoding.UTF8.GetBytes(text)));

    private static uint Crc32(uint[] table, byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc = table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return ~crc;
    }

    private static ulong Crc64(byte[] data)
    {
        var crc = ulong.MaxValue;
        foreach (var b in data)
        {
            crc = Crc64NvmeTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return ~crc;
    }

    private static uint[] Table32(uint polynomial)
    {
        var table = new uint[256];
        for (var i = 0u; i < 256; i++)
        {
            var c = i;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? polynomial ^ (c >> 1) : c >> 1;
            }

            table[i] = c;
        }

        return table;
    }

    private static ulong[] Table64(ulong polynomial)
    {
        var table = new ulong[256];
        for (var i = 0ul; i < 256; i++)
        {
            var c = i;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? polynomial ^ (c >> 1) : c >> 1;
            }

            table[i] = c;
        }

        return table;
    }

    private static byte[] BigEndian(uint value) => [(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value];

    private static byte[] BigEndian(ulong value)
    {
        var bytes = new byte[8];
        for (var i = 0; i < 8; i++)
        {
            bytes[i] = (byte)(value >> (56 - (8 * i)));
        }

        return bytes;
    }
}
