namespace S3Spec.Storage.Checksums;

/// <summary>
/// CRC combination over GF(2) (zlib's crc32_combine, generalised to 64 bits): crc(A‖B) from crc(A), crc(B) and
/// len(B), without the bytes. Valid for reflected CRCs whose init and xorout are both all ones (CRC32, CRC32C,
/// CRC64NVME). Cost: O(log len) carry-less multiplications modulo the polynomial.
/// </summary>
internal sealed class CrcCombine
{
    public static readonly CrcCombine Crc32 = new(0xEDB88320UL, 32);
    public static readonly CrcCombine Crc32C = new(0x82F63B78UL, 32);
    public static readonly CrcCombine Crc64Nvme = new(0x9A6C9329AC4BC9B5UL, 64);

    private readonly ulong poly;
    private readonly int width;

    /// <summary>x2n[k] = x^(2^k) mod p (reflected).</summary>
    private readonly ulong[] x2n = new ulong[72];

    private CrcCombine(ulong poly, int width)
    {
        this.poly = poly;
        this.width = width;
        var p = 1UL << (width - 2); // x^1
        x2n[0] = p;
        for (var k = 1; k < x2n.Length; k++)
        {
            x2n[k] = p = Multiply(p, p);
        }
    }

    /// <summary>The CRC of the concatenation of A (CRC <paramref name="crcA"/>) and B (CRC <paramref name="crcB"/>, <paramref name="lengthB"/> bytes).</summary>
    public ulong Combine(ulong crcA, ulong crcB, long lengthB)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lengthB);
        return Multiply(XPow8(lengthB), crcA) ^ crcB;
    }

    /// <summary>a·b mod p in the reflected representation; <paramref name="a"/> must not be zero.</summary>
    private ulong Multiply(ulong a, ulong b)
    {
        var m = 1UL << (width - 1);
        ulong product = 0;
        while (true)
        {
            if ((a & m) != 0)
            {
                product ^= b;
                if ((a & (m - 1)) == 0)
                {
                    return product;
                }
            }

            m >>= 1;
            b = (b & 1) != 0 ? (b >> 1) ^ poly : b >> 1;
        }
    }

    /// <summary>x^(8·n) mod p: the operator that shifts a CRC over n zero bytes.</summary>
    private ulong XPow8(long n)
    {
        var p = 1UL << (width - 1); // x^0
        var k = 3;
        for (var u = (ulong)n; u != 0; u >>= 1, k++)
        {
            if ((u & 1) != 0)
            {
                p = Multiply(x2n[k], p);
            }
        }

        return p;
    }
}
