using Microsoft.Extensions.Logging.Abstractions;
using S3Spec.Core.Errors;
using S3Spec.Storage.Contract;
using static S3Spec.Storage.Tests.Capacity.CapacityTestKit;

namespace S3Spec.Storage.Tests.Capacity;

/// <summary>Real small filesystems (tmpfs): a full disk (ENOSPC) and a volume that is its own mount.</summary>
public sealed class DiskFullTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "s3spec-tmpfs-" + Guid.NewGuid().ToString("N"));
    private string? mounted;

    [TmpfsFact]
    public async Task Full_disk_answers_507_leaves_nothing_behind_and_smaller_writes_still_work()
    {
        Mount(root, "2m");
        using var store = NewStore();
        var vol = Path.Combine(root, TestVolume.Name);
        var tmp = Path.Combine(vol, ".s3compat_uploads", ".tmp");
        await store.PutObjectAsync(TestVolume.Name, "keep", Body(100 * 1024), new PutObjectOptions { ContentLength = 100 * 1024 }, default);

        // Declared length above the free space: refused before any byte is written.
        var declared = Body(3 * 1024 * 1024);
        Assert.Same(S3Errors.InsufficientStorage, await TestVolume.ErrorOf(() =>
            store.PutObjectAsync(TestVolume.Name, "big", declared, new PutObjectOptions { ContentLength = declared.Length }, default)));
        Assert.Equal(0, declared.Position);

        // No length: the disk fills up mid-way (ENOSPC).
        var chunked = Body(3 * 1024 * 1024);
        Assert.Same(S3Errors.InsufficientStorage, await TestVolume.ErrorOf(() =>
            store.PutObjectAsync(TestVolume.Name, "big", chunked, PutObjectOptions.Default, default)));
        Assert.True(chunked.Position > 0);
        Assert.False(File.Exists(Path.Combine(vol, "big")));
        Assert.Empty(Directory.GetFiles(tmp));

        // UploadPart: no pre-check, ENOSPC mid-way, no stale part.
        var up = await store.CreateMultipartUploadAsync(TestVolume.Name, "m", ObjectMetadata.Empty, "o", null, default);
        var part = Body(3 * 1024 * 1024);
        Assert.Same(S3Errors.InsufficientStorage, await TestVolume.ErrorOf(() =>
            store.UploadPartAsync(TestVolume.Name, "m", up.UploadId, 1, part, new PutObjectOptions { ContentLength = part.Length }, default)));
        Assert.DoesNotContain(Directory.GetFiles(Path.Combine(vol, ".s3compat_uploads", up.UploadId)), f => Path.GetFileName(f).StartsWith("part-", StringComparison.Ordinal));
        Assert.Empty(Directory.GetFiles(tmp));

        Assert.Equal(100 * 1024, new FileInfo(Path.Combine(vol, "keep")).Length);
        await store.PutObjectAsync(TestVolume.Name, "small", Body(200 * 1024), new PutObjectOptions { ContentLength = 200 * 1024 }, default);
        Assert.Equal(200 * 1024, new FileInfo(Path.Combine(vol, "small")).Length);
    }

    [TmpfsFact]
    public async Task A_volume_that_is_its_own_mount_reports_exact_numbers_from_the_filesystem()
    {
        Directory.CreateDirectory(root);
        Mount(Path.Combine(root, TestVolume.Name), "4m");
        SetQuota(root, 1024 * 1024);
        using var store = NewStore();
        await store.PutObjectAsync(TestVolume.Name, "a", Body(600 * 1024), new PutObjectOptions { ContentLength = 600 * 1024 }, default);
        File.WriteAllBytes(Path.Combine(root, TestVolume.Name, "direct"), new byte[100 * 1024]); // counts at once: exact

        var u = store.GetVolumeUsage(TestVolume.Name);
        Assert.True(u.Exact);
        Assert.Equal(1024 * 1024, u.QuotaBytes);
        Assert.InRange(u.UsedBytes, 700 * 1024, 800 * 1024);
        Assert.Equal(1024 * 1024 - u.UsedBytes, u.FreeBytes);
        Assert.Same(S3Errors.InsufficientStorage, await TestVolume.ErrorOf(() =>
            store.PutObjectAsync(TestVolume.Name, "b", Body(400 * 1024), new PutObjectOptions { ContentLength = 400 * 1024 }, default)));
        await store.PutObjectAsync(TestVolume.Name, "b", Body(200 * 1024), new PutObjectOptions { ContentLength = 200 * 1024 }, default);
    }

    public void Dispose()
    {
        if (mounted is not null && !Unmount(mounted))
        {
            Detach(mounted);
            throw new InvalidOperationException($"{mounted} was still busy after the test: a store kept a descriptor of it open");
        }

        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private void Mount(string dir, string size)
    {
        Assert.True(TryMountTmpfs(dir, size), "mount -t tmpfs failed although the probe succeeded");
        mounted = dir;
        Directory.CreateDirectory(Path.Combine(root, TestVolume.Name));
    }

    private PosixObjectStore NewStore() =>
        new(new StorageOptions { DataRoot = root, CapacityWalkInterval = Timeout.InfiniteTimeSpan }, TimeProvider.System, NullLogger<PosixObjectStore>.Instance);
}
