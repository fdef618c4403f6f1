using System.IO.Hashing;
using S3Spec.Storage.Checksums;

namespace S3Spec.Storage.Tests.Checksums;

public class CrcCombineTests
{
    private static ulong Crc(string alg, ReadOnlySpan<byte> data)
    {
        switch (alg)
        {
            case "CRC32":
                return System.IO.Hashing.Crc32.HashToUInt32(data);
            case "CRC32C":
                var c = new System.IO.Hashing.Crc32(Crc32ParameterSet.Crc32C);
                c.Append(data);
                return c.GetCurrentHashAsUInt32();
            default:
                var n = new Crc64(Crc64ParameterSet.Nvme);
                n.Append(data);
                return n.GetCurrentHashAsUInt64();
        }
    }

    private static CrcCombine Combiner(string alg) => alg switch
    {
        "CRC32" => CrcCombine.Crc32,
        "CRC32C" => CrcCombine.Crc32C,
        _ => CrcCombine.Crc64Nvme,
    };

    [Theory]
    [InlineData("CRC32")]
    [InlineData("CRC32C")]
    [InlineData("CRC64NVME")]
    public void Combined_crc_equals_the_crc_of_the_concatenation_for_random_splits(string alg)
    {
        var random = new Random(1234);
        for (var round = 0; round < 200; round++)
        {
            var data = new byte[random.Next(0, 5000)];
            random.NextBytes(data);
            var pieces = random.Next(1, 6);
            var cuts = new List<int> { 0, data.Length };
            for (var i = 1; i < pieces; i++)
            {
                cuts.Add(random.Next(0, data.Length + 1));
            }

            cuts.Sort();
            var crc = Crc(alg, data.AsSpan(cuts[0], cuts[1] - cuts[0]));
            for (var i = 1; i < cuts.Count - 1; i++)
            {
                var piece = data.AsSpan(cuts[i], cuts[i + 1] - cuts[i]);
                crc = Combiner(alg).Combine(crc, Crc(alg, piece), piece.Length);
            }

            Assert.Equal(Crc(alg, data), crc);
        }
    }

    [Fact]
    public void Combining_with_an_empty_piece_keeps_the_crc_and_large_lengths_work()
    {
        var a = "hello"u8.ToArray();
        Assert.Equal(Crc("CRC64NVME", a), CrcCombine.Crc64Nvme.Combine(Crc("CRC64NVME", a), Crc("CRC64NVME", []), 0));

        var zeros = new byte[1 << 20];
        var direct = Crc("CRC32C", [.. a, .. zeros]);
        Assert.Equal(direct, CrcCombine.Crc32C.Combine(Crc("CRC32C", a), Crc("CRC32C", zeros), zeros.Length));
    }
}
