using System.Text;
using S3Spec.Posix;
using S3Spec.Storage.Contract;
using S3Spec.Storage.Posix;

namespace S3Spec.Storage.Tests.Posix;

/// <summary>Fs.TryGetXattr reads values of every size, across its one-call (stack buffer) limit.</summary>
public class XattrReadTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(1023)]
    [InlineData(1024)]
    [InlineData(1025)]
    [InlineData(3000)]
    public void A_value_of_any_size_reads_back_whole(int size)
    {
        using var v = new TestVolume();
        v.WriteFile("x", "data");
        using var h = File.OpenHandle(v.PathOf("x"), FileMode.Open, FileAccess.ReadWrite);
        var value = new byte[size];
        for (var i = 0; i < size; i++)
        {
            value[i] = (byte)(i * 7);
        }

        Assert.Equal(0, Fs.TrySetXattr(h, "user.s3spec.test", value));
        Assert.Equal(value, Fs.TryGetXattr(h, "user.s3spec.test", out var errno));
        Assert.Equal(0, errno);
    }

    [Fact]
    public void A_missing_value_is_null_with_ENODATA()
    {
        using var v = new TestVolume();
        v.WriteFile("x", "data");
        using var h = File.OpenHandle(v.PathOf("x"), FileMode.Open, FileAccess.Read);
        Assert.Null(Fs.TryGetXattr(h, "user.s3spec.absent", out var errno));
        Assert.Equal(Errno.ENODATA, errno);
    }

    [Fact]
    public async Task Metadata_records_larger_than_one_kilobyte_round_trip()
    {
        using var v = new TestVolume(metadataStore: "xattr");
        var big = new string('m', 1500);
        await v.PutAsync("big", "hello", new ObjectMetadata { User = new Dictionary<string, string> { ["note"] = big } });
        var head = await v.Store.HeadObjectAsync(TestVolume.Name, "big", default);
        Assert.Equal(big, head.Metadata.User["note"]);
        Assert.True(Encoding.UTF8.GetByteCount(big) > 1024);
    }
}
