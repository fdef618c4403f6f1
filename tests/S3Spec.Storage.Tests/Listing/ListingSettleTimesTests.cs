using S3Spec.Storage.Contract;
using S3Spec.Storage.Listing;
using S3Spec.Storage.Posix;

namespace S3Spec.Storage.Tests.Listing;

/// <summary>
/// The listing snapshot's settle time follows the filesystem that holds the directory (fstatfs type magic), unless
/// one settle time is set for every volume.
/// </summary>
public sealed class ListingSettleTimesTests
{
    [Theory]
    [InlineData(0xEF53L, "local")] // ext4
    [InlineData(0x58465342L, "local")] // XFS
    [InlineData(0x01021994L, "local")] // tmpfs
    [InlineData(0x794C7630L, "local")] // overlayfs
    [InlineData(0x65735546L, "fuse")] // GlusterFS FUSE and every FUSE filesystem
    [InlineData(0x6969L, "nfs")] // NFS, EFS
    [InlineData(0x00C36400L, "cephfs")]
    [InlineData(0xFE534D42L, "other")] // SMB2
    [InlineData(0x0BD00BD0L, "other")] // Lustre
    public void The_kind_follows_the_type_magic(long magic, string kind) =>
        Assert.Equal(kind, FilesystemKind.Of(magic));

    [Theory]
    [InlineData("local", 2)]
    [InlineData("fuse", 5)]
    [InlineData("cephfs", 5)]
    [InlineData("nfs", 65)]
    [InlineData("other", 65)]
    public void Each_kind_has_its_default(string kind, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), new ListingSettleTimes(new StorageOptions()).OfKind(kind));

    [Fact]
    public void A_kind_can_be_configured_and_an_unknown_kind_takes_other()
    {
        var options = new StorageOptions();
        options.ListingCacheSettleTimes["NFS"] = TimeSpan.FromSeconds(3);
        var times = new ListingSettleTimes(options);
        Assert.Equal(TimeSpan.FromSeconds(3), times.OfKind("nfs"));
        Assert.Equal(TimeSpan.FromSeconds(65), times.OfKind("lustre"));
    }

    [Fact]
    public void A_local_directory_gets_the_local_default_and_one_setting_overrides_every_kind()
    {
        var dir = Directory.CreateTempSubdirectory("s3spec-settle-");
        try
        {
            Assert.Equal(0, Fs.TryOpenAtPath(dir.FullName, out var opened));
            using var h = opened!;
            var kind = FilesystemKind.Of(h);
            Assert.Contains(kind, new[] { FilesystemKind.Local, FilesystemKind.Other });
            var dev = Fs.Fstat(h, FsOp.Read).Dev;
            Assert.Equal(new ListingSettleTimes(new StorageOptions()).OfKind(kind), new ListingSettleTimes(new StorageOptions()).For(h, dev));
            Assert.Equal(TimeSpan.FromMilliseconds(250), new ListingSettleTimes(new StorageOptions { ListingCacheSettleTime = TimeSpan.FromMilliseconds(250) }).For(h, dev));
        }
        finally
        {
            dir.Delete();
        }
    }
}
