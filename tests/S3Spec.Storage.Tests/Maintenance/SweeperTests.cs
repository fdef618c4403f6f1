using S3Spec.Storage.Contract;
using S3Spec.Storage.Maintenance;
using static S3Spec.Storage.Tests.Capacity.CapacityTestKit;

namespace S3Spec.Storage.Tests.Maintenance;

public class SweeperTests
{
    private static void Age(TestVolume v, string uploadId, TimeSpan age)
    {
        var dir = Path.Combine(v.VolumePath, ".s3compat_uploads", uploadId);
        var when = DateTime.UtcNow - age;
        foreach (var f in Directory.GetFiles(dir))
        {
            File.SetLastWriteTimeUtc(f, when);
        }

        Directory.SetLastWriteTimeUtc(dir, when);
    }

    [Fact]
    public async Task Sweeper_aborts_only_stale_uploads_and_frees_their_space()
    {
        using var v = QuotaVolume(10_000);
        var stale = await v.Store.CreateMultipartUploadAsync(TestVolume.Name, "stale", ObjectMetadata.Empty, "o", null, default);
        await Part(v, "stale", stale.UploadId, 1, Body(700));
        var touched = await v.Store.CreateMultipartUploadAsync(TestVolume.Name, "touched", ObjectMetadata.Empty, "o", null, default);
        await Part(v, "touched", touched.UploadId, 1, Body(100));
        var fresh = await v.Store.CreateMultipartUploadAsync(TestVolume.Name, "fresh", ObjectMetadata.Empty, "o", null, default);
        Age(v, stale.UploadId, TimeSpan.FromDays(3));
        Age(v, touched.UploadId, TimeSpan.FromDays(3));
        await Part(v, "touched", touched.UploadId, 2, Body(100)); // a recent part keeps the upload alive
        Assert.Equal(900, v.Store.GetVolumeUsage(TestVolume.Name).UsedBytes);

        Assert.Equal(1, await v.Store.Maintenance.AbortStaleUploadsAsync(TimeSpan.FromDays(2), default));
        Assert.False(Directory.Exists(Path.Combine(v.VolumePath, ".s3compat_uploads", stale.UploadId)));
        var left = await v.Store.ListMultipartUploadsAsync(TestVolume.Name, new ListUploadsRequest(), default);
        Assert.Equal(["fresh", "touched"], left.Uploads.Select(u => u.Key).Order(StringComparer.Ordinal));
        Assert.Equal(200, v.Store.GetVolumeUsage(TestVolume.Name).UsedBytes);
        Assert.Equal(fresh.UploadId, (await v.Store.GetMultipartUploadAsync(TestVolume.Name, "fresh", fresh.UploadId, default)).UploadId);
        Assert.Equal(0, await v.Store.Maintenance.AbortStaleUploadsAsync(TimeSpan.FromDays(2), default));
    }

    [Fact]
    public async Task A_second_sweeper_does_nothing_while_another_holds_the_lock()
    {
        using var v = QuotaVolume(10_000);
        var up = await v.Store.CreateMultipartUploadAsync(TestVolume.Name, "k", ObjectMetadata.Empty, "o", null, default);
        Age(v, up.UploadId, TimeSpan.FromDays(3));

        using (var held = UploadSweeper.TryLock(v.DataRoot))
        {
            Assert.NotNull(held);
            Assert.Null(UploadSweeper.TryLock(v.DataRoot));
            Assert.Equal(0, await v.Store.Maintenance.AbortStaleUploadsAsync(TimeSpan.FromDays(1), default));
            Assert.True(Directory.Exists(Path.Combine(v.VolumePath, ".s3compat_uploads", up.UploadId)));
        }

        Assert.Equal(1, await v.Store.Maintenance.AbortStaleUploadsAsync(TimeSpan.FromDays(1), default));
        Assert.True(File.Exists(Path.Combine(v.DataRoot, ".s3spec", UploadSweeper.LockName)));
    }
}
