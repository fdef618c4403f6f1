using S3Spec.Core.Checksums;

namespace S3Spec.Storage.Tests.Checksums;

public class ChecksumSetTests
{
    [Fact]
    public void Names_in_any_case_map_to_algorithms_and_read_back_by_upper_case_name()
    {
        var set = ChecksumSet.From(new Dictionary<string, string> { ["sha256"] = "s", ["CRC32"] = "c" });
        Assert.Equal(2, set.Count);
        Assert.Equal("c", set[ChecksumAlgorithm.Crc32]);
        Assert.Equal("s", set["SHA256"]);
        Assert.False(set.TryGetValue("sha256", out _)); // the dictionary view is keyed by the names S3 sends
        Assert.Null(set[ChecksumAlgorithm.Crc64Nvme]);
        Assert.Equal(["CRC32", "SHA256"], set.Keys); // the order of ChecksumAlgorithms.All, whatever the input order
        Assert.Throws<ArgumentException>(() => ChecksumSet.From(new Dictionary<string, string> { ["MD5"] = "m" }));
    }

    [Fact]
    public void Sets_are_values_and_never_change()
    {
        var a = ChecksumSet.Empty.With(ChecksumAlgorithm.Crc32C, "x");
        var b = ChecksumSet.From([new("CRC32C", "x")]);
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        var c = a.With(ChecksumAlgorithm.Sha1, "y");
        Assert.NotEqual(a, c);
        Assert.Single(a);
        Assert.Empty(ChecksumSet.Empty);
        Assert.Equal(a, c.Where((alg, _) => alg != ChecksumAlgorithm.Sha1));
    }
}
