using System.Text;
using S3Spec.Core.Errors;
using S3Spec.Storage.Contract;
using static S3Spec.Storage.Tests.Capacity.CapacityTestKit;

namespace S3Spec.Storage.Tests.Capacity;

public class QuotaTests
{
    [Fact]
    public async Task Declared_length_above_the_remaining_quota_is_refused_before_any_temp_file()
    {
        using var v = QuotaVolume(1000);
        await PutDeclared(v, "old", Body(600));
        var body = Body(500);
        Assert.Same(S3Errors.InsufficientStorage, await TestVolume.ErrorOf(() => PutDeclared(v, "new", body)));
        Assert.Equal(0, body.Position);
        Assert.Empty(v.TempFiles());
        Assert.False(File.Exists(v.PathOf("new")));
        Assert.Equal(600, new FileInfo(v.PathOf("old")).Length);

        await PutDeclared(v, "new", Body(400)); // exactly the rest fits
        Assert.Equal(0, v.Store.GetVolumeUsage(TestVolume.Name).FreeBytes);
    }

    [Fact]
    public async Task Chunked_body_crossing_the_quota_is_stopped_mid_way_and_the_old_object_survives()
    {
        using var v = QuotaVolume(1024 * 1024);
        await v.PutAsync("k", "old content");
        var body = Body(3 * 1024 * 1024);
        Assert.Same(S3Errors.InsufficientStorage, await TestVolume.ErrorOf(() => PutChunked(v, "k", body)));
        Assert.InRange(body.Position, 1, body.Length - 1); // stopped while streaming, not before and not at the end
        Assert.Equal("old content", await v.ReadAsync("k"));
        Assert.Empty(v.TempFiles());
        Assert.Equal("old content".Length, v.Store.GetVolumeUsage(TestVolume.Name).UsedBytes);
    }

    [Fact]
    public async Task Upload_part_is_not_pre_checked_but_fails_cleanly_when_crossing_the_quota()
    {
        using var v = QuotaVolume(300 * 1024);
        var up = await v.Store.CreateMultipartUploadAsync(TestVolume.Name, "big", ObjectMetadata.Empty, "o", null, default);
        var body = Body(1024 * 1024);
        Assert.Same(S3Errors.InsufficientStorage, await TestVolume.ErrorOf(() => Part(v, "big", up.UploadId, 1, body)));
        Assert.True(body.Position > 0); // no pre-check: bytes were read before the quota was crossed
        Assert.DoesNotContain(StagedFiles(v, up.UploadId), f => Path.GetFileName(f).StartsWith("part-", StringComparison.Ordinal));
        Assert.Empty(v.TempFiles());
        Assert.Empty((await v.Store.ListPartsAsync(TestVolume.Name, "big", up.UploadId, 0, 100, default)).Parts);
        Assert.Equal(0, v.Store.GetVolumeUsage(TestVolume.Name).UsedBytes);

        var ok = await Part(v, "big", up.UploadId, 1, Body(100 * 1024));
        Assert.Equal(100 * 1024, ok.Size);
    }

    [Fact]
    public async Task Staged_parts_count_against_the_quota_until_aborted()
    {
        using var v = QuotaVolume(1000);
        v.Options.PlacedParts = false;
        var up = await v.Store.CreateMultipartUploadAsync(TestVolume.Name, "m", ObjectMetadata.Empty, "o", null, default);
        await Part(v, "m", up.UploadId, 1, Body(300));
        await Part(v, "m", up.UploadId, 2, Body(300));
        await Part(v, "m", up.UploadId, 2, Body(300)); // a replaced part is not counted twice
        Assert.Equal(600, v.Store.GetVolumeUsage(TestVolume.Name).UsedBytes);

        Assert.Same(S3Errors.InsufficientStorage, await TestVolume.ErrorOf(() => PutDeclared(v, "p", Body(500))));
        await v.Store.AbortMultipartUploadAsync(TestVolume.Name, "m", up.UploadId, default);
        Assert.Equal(0, v.Store.GetVolumeUsage(TestVolume.Name).UsedBytes);
        await PutDeclared(v, "p", Body(500));
    }

    [Fact]
    public async Task A_placed_part_uploaded_again_keeps_its_region_counted_until_the_upload_ends()
    {
        using var v = QuotaVolume(1000);
        var up = await v.Store.CreateMultipartUploadAsync(TestVolume.Name, "m", ObjectMetadata.Empty, "o", null, default);
        await Part(v, "m", up.UploadId, 1, Body(300));
        await Part(v, "m", up.UploadId, 2, Body(300));
        var again = await Part(v, "m", up.UploadId, 2, Body(300, (byte)'y')); // staged as a file; the region stays
        Assert.Equal(900, v.Store.GetVolumeUsage(TestVolume.Name).UsedBytes);

        var parts = (await v.Store.ListPartsAsync(TestVolume.Name, "m", up.UploadId, 0, 100, default)).Parts;
        Assert.Equal(again.ETag, parts[1].ETag);
        await v.Store.AbortMultipartUploadAsync(TestVolume.Name, "m", up.UploadId, default);
        Assert.Equal(0, v.Store.GetVolumeUsage(TestVolume.Name).UsedBytes);
    }

    [Fact]
    public async Task Copy_crossing_the_quota_answers_507_and_leaves_nothing()
    {
        using var v = QuotaVolume(1000);
        await PutDeclared(v, "src", Body(600));
        var e = await TestVolume.ErrorOf(() => v.Store.CopyObjectAsync(
            new CopyObjectRequest { SourceVolume = TestVolume.Name, SourceKey = "src", DestinationVolume = TestVolume.Name, DestinationKey = "dst" }, default));
        Assert.Same(S3Errors.InsufficientStorage, e);
        Assert.False(File.Exists(v.PathOf("dst")));
        Assert.Empty(v.TempFiles());
        Assert.Equal(600, v.Store.GetVolumeUsage(TestVolume.Name).UsedBytes);
    }

    [Fact]
    public async Task Usage_follows_puts_overwrites_deletes_copies_and_completes()
    {
        using var v = QuotaVolume(10_000);
        await PutDeclared(v, "a", Body(1000));
        await PutDeclared(v, "dir/b", Body(234));
        var u = v.Store.GetVolumeUsage(TestVolume.Name);
        Assert.Equal(new VolumeUsage(TestVolume.Name, 10_000, 1234, 8766, false), u);

        await PutDeclared(v, "a", Body(10)); // overwrite frees the old size
        await v.Store.DeleteObjectAsync(TestVolume.Name, "dir/b", default);
        await v.Store.DeleteObjectAsync(TestVolume.Name, "missing", default);
        Assert.Equal(10, v.Store.GetVolumeUsage(TestVolume.Name).UsedBytes);

        await v.Store.CopyObjectAsync(new CopyObjectRequest { SourceVolume = TestVolume.Name, SourceKey = "a", DestinationVolume = TestVolume.Name, DestinationKey = "c" }, default);
        Assert.Equal(20, v.Store.GetVolumeUsage(TestVolume.Name).UsedBytes);

        // Complete: the parts become the object (net zero) and the object it replaces is freed.
        var up = await v.Store.CreateMultipartUploadAsync(TestVolume.Name, "c", ObjectMetadata.Empty, "o", null, default);
        var p1 = await Part(v, "c", up.UploadId, 1, Body(4000));
        var p2 = await Part(v, "c", up.UploadId, 2, Body(4000));
        await Part(v, "c", up.UploadId, 3, Body(1000)); // staged but not completed: freed by the Complete
        Assert.Equal(9020, v.Store.GetVolumeUsage(TestVolume.Name).UsedBytes);
        var done = await v.Store.CompleteMultipartUploadAsync(TestVolume.Name, "c", up.UploadId,
            [new CompletedPart(1, p1.ETag), new CompletedPart(2, p2.ETag)], CompleteOptions.None, default);
        Assert.Equal(8000, done.Size);
        Assert.Equal(8010, v.Store.GetVolumeUsage(TestVolume.Name).UsedBytes);
        await v.Store.CompleteMultipartUploadAsync(TestVolume.Name, "c", up.UploadId,
            [new CompletedPart(1, p1.ETag), new CompletedPart(2, p2.ETag)], CompleteOptions.None, default); // retried: no change
        Assert.Equal(8010, v.Store.GetVolumeUsage(TestVolume.Name).UsedBytes);
        Assert.Equal(1990, v.Store.GetVolumeUsage(TestVolume.Name).FreeBytes);
    }

    [Fact]
    public async Task Complete_needs_no_room_beyond_its_staged_parts()
    {
        using var v = QuotaVolume(1000);
        var up = await v.Store.CreateMultipartUploadAsync(TestVolume.Name, "m", ObjectMetadata.Empty, "o", null, default);
        var p1 = await Part(v, "m", up.UploadId, 1, Body(450));
        var p2 = await Part(v, "m", up.UploadId, 2, Body(450));
        var done = await v.Store.CompleteMultipartUploadAsync(TestVolume.Name, "m", up.UploadId,
            [new CompletedPart(1, p1.ETag), new CompletedPart(2, p2.ETag)], CompleteOptions.None, default);
        Assert.Equal(900, done.Size);
        Assert.Equal(900, v.Store.GetVolumeUsage(TestVolume.Name).UsedBytes);
    }

    [Fact]
    public void Without_a_quota_the_limit_is_the_filesystems_free_space()
    {
        using var v = new TestVolume();
        v.Options.CapacityWalkInterval = Timeout.InfiniteTimeSpan;
        var u = v.Store.GetVolumeUsage(TestVolume.Name);
        Assert.Null(u.QuotaBytes);
        Assert.False(u.Exact);
        var drive = new DriveInfo(v.VolumePath);
        Assert.InRange(u.FreeBytes, drive.AvailableFreeSpace / 2, drive.AvailableFreeSpace * 2);
        Assert.Same(S3Errors.NoSuchBucket, Assert.Throws<S3Exception>(() => v.Store.GetVolumeUsage("no-such-vol")).Error);
    }

    [Fact]
    public async Task Walk_corrects_the_counter_with_files_written_by_other_programs()
    {
        using var v = QuotaVolume(1_000_000);
        await PutDeclared(v, "api", Body(100));
        var up = await v.Store.CreateMultipartUploadAsync(TestVolume.Name, "m", ObjectMetadata.Empty, "o", null, default);
        await Part(v, "m", up.UploadId, 1, Body(300));
        v.WriteFile("outside/direct.bin", new string('d', 5000));
        File.WriteAllBytes(Path.Combine(v.VolumePath, ".s3compat_uploads", ".tmp", "inflight.tmp"), new byte[7777]); // temp files never count
        Assert.Equal(400, v.Store.GetVolumeUsage(TestVolume.Name).UsedBytes);

        await v.Store.Capacity.WalkNowAsync(TestVolume.Name, default);
        Assert.Equal(5400, v.Store.GetVolumeUsage(TestVolume.Name).UsedBytes);

        File.Delete(v.PathOf("outside/direct.bin"));
        await v.Store.Capacity.WalkNowAsync(TestVolume.Name, default);
        Assert.Equal(400, v.Store.GetVolumeUsage(TestVolume.Name).UsedBytes);
    }

    [Fact]
    public async Task Placed_parts_arriving_out_of_order_count_the_bytes_written_not_the_holes_before_them()
    {
        using var v = QuotaVolume(10_000_000);
        var up = await v.Store.CreateMultipartUploadAsync(TestVolume.Name, "m", ObjectMetadata.Empty, "o", null, default);
        await Part(v, "m", up.UploadId, 3, Body(64 * 1024)); // placed at 128 KiB: the data file is 192 KiB long, 64 KiB used
        Assert.Equal(192 * 1024, new FileInfo(Path.Combine(v.VolumePath, ".s3compat_uploads", up.UploadId, "parts.data")).Length);
        Assert.Equal(64 * 1024, v.Store.GetVolumeUsage(TestVolume.Name).UsedBytes);

        await v.Store.Capacity.WalkNowAsync(TestVolume.Name, default);
        Assert.Equal(64 * 1024, v.Store.GetVolumeUsage(TestVolume.Name).UsedBytes);
    }

    [Fact]
    public async Task Registry_is_reloaded_when_it_changes_and_an_invalid_file_keeps_the_last_good_quotas()
    {
        var root = Path.Combine(Path.GetTempPath(), "s3spec-quota-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(root, TestVolume.Name));
        try
        {
            var clock = new ManualTime(DateTimeOffset.UtcNow);
            var options = new StorageOptions { DataRoot = root, CapacityWalkInterval = Timeout.InfiniteTimeSpan };
            var store = new PosixObjectStore(options, clock, Microsoft.Extensions.Logging.Abstractions.NullLogger<PosixObjectStore>.Instance);
            Task Put(string key, int size) => store.PutObjectAsync(TestVolume.Name, key, Body(size), new PutObjectOptions { ContentLength = size }, default);

            Assert.Null(store.GetVolumeUsage(TestVolume.Name).QuotaBytes); // no file: no quota
            SetQuota(root, 100);
            clock.Now += TimeSpan.FromSeconds(3);
            Assert.Equal(100, store.GetVolumeUsage(TestVolume.Name).QuotaBytes);
            Assert.Same(S3Errors.InsufficientStorage, await TestVolume.ErrorOf(() => Put("a", 200)));

            SetQuota(root, 1000);
            Assert.Equal(100, store.GetVolumeUsage(TestVolume.Name).QuotaBytes); // polled at most every 2 s
            clock.Now += TimeSpan.FromSeconds(3);
            await Put("a", 200);
            Assert.Equal(1000, store.GetVolumeUsage(TestVolume.Name).QuotaBytes);

            WriteRegistry(root, "{\"volumes\":{\"vol1\":{\"quotaBytes\":\"lots\"}}}");
            clock.Now += TimeSpan.FromSeconds(3);
            Assert.Equal(1000, store.GetVolumeUsage(TestVolume.Name).QuotaBytes);
            Assert.Same(S3Errors.InsufficientStorage, await TestVolume.ErrorOf(() => Put("b", 900)));

            WriteRegistry(root, "{\"volumes\":{\"other\":{\"quotaBytes\":5}}}");
            clock.Now += TimeSpan.FromSeconds(3);
            Assert.Null(store.GetVolumeUsage(TestVolume.Name).QuotaBytes);

            SetQuota(root, 1000);
            clock.Now += TimeSpan.FromSeconds(3);
            Assert.Equal(1000, store.GetVolumeUsage(TestVolume.Name).QuotaBytes);
            File.Delete(Path.Combine(root, ".s3spec", "volumes.json"));
            clock.Now += TimeSpan.FromSeconds(3);
            Assert.Null(store.GetVolumeUsage(TestVolume.Name).QuotaBytes); // missing file: no quotas
            await Put("b", 900);
            Assert.Equal(Encoding.ASCII.GetBytes(new string('x', 900)), await File.ReadAllBytesAsync(Path.Combine(root, TestVolume.Name, "b")));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
