using System.Diagnostics;
using System.Text;
using S3Spec.Core.Checksums;
using S3Spec.Posix;
using S3Spec.Storage.Contract;
using S3Spec.Storage.Listing;
using S3Spec.Storage.Posix;

namespace S3Spec.Storage.Tests.Listing;

public class DescribeCacheTests
{
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(50);

    [Fact]
    public void An_answer_is_used_only_for_the_exact_stamp_it_was_read_under()
    {
        var cache = new DescribeCache(new StorageOptions { ListingCacheSettleTime = TimeSpan.FromSeconds(2) }, TimeProvider.System);
        using var dir = OpenDir(Path.GetTempPath());
        var st = Stat(ino: 7, size: 4, mtimeNs: 1_000, ctimeNs: 2_000);
        Store(cache, dir, st, st, LongAfter(st), new Described("\"e\"", ObjectMetadata.Empty, InXattr: true));

        Assert.True(cache.TryGet(st, readsSidecars: false, out var hit));
        Assert.Equal("\"e\"", hit.ETag);
        Assert.False(cache.TryGet(With(st, ctimeNs: 2_001), false, out _)); // an xattr change, a chmod, a write with its mtime set back
        Assert.False(cache.TryGet(st, false, out _)); // the stale entry was dropped
        Assert.Equal(0, cache.Count);

        Store(cache, dir, st, st, LongAfter(st), new Described("\"e\"", ObjectMetadata.Empty, InXattr: true));
        Assert.False(cache.TryGet(With(st, size: 5), false, out _));
        Store(cache, dir, st, st, LongAfter(st), new Described("\"e\"", ObjectMetadata.Empty, InXattr: true));
        Assert.False(cache.TryGet(With(st, mtimeNs: 999), false, out _));
        Store(cache, dir, st, st, LongAfter(st), new Described("\"e\"", ObjectMetadata.Empty, InXattr: true));
        Assert.False(cache.TryGet(With(st, dev: 9), false, out _)); // another device: another file
    }

    [Fact]
    public void Nothing_is_stored_unless_the_name_and_the_opened_file_agree_and_the_file_has_settled()
    {
        var cache = new DescribeCache(new StorageOptions { ListingCacheSettleTime = TimeSpan.FromSeconds(2) }, TimeProvider.System);
        using var dir = OpenDir(Path.GetTempPath());
        var st = Stat(ino: 7, size: 4, mtimeNs: 1_000, ctimeNs: 2_000);
        var answer = new Described("\"e\"", ObjectMetadata.Empty, InXattr: true);

        Store(cache, dir, With(st, ctimeNs: 1_500), st, LongAfter(st), answer); // changed between the statx and the open
        Store(cache, dir, st, st, At(st.CtimeNs + 1_999_999_999), answer); // changed less than the settle time before the stat
        Assert.Equal(0, cache.Count);

        Store(cache, dir, st, st, At(st.CtimeNs + 2_000_000_000), answer);
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void An_answer_without_an_xattr_record_is_not_used_where_sidecars_are_read()
    {
        var cache = new DescribeCache(new StorageOptions { ListingCacheSettleTime = TimeSpan.FromSeconds(2) }, TimeProvider.System);
        using var dir = OpenDir(Path.GetTempPath());
        var external = Stat(ino: 7, size: 4, mtimeNs: 1_000, ctimeNs: 2_000);
        var recorded = Stat(ino: 8, size: 4, mtimeNs: 1_000, ctimeNs: 2_000);
        Store(cache, dir, external, external, LongAfter(external), new Described("\"x-1\"", ObjectMetadata.Empty, InXattr: false));
        Store(cache, dir, recorded, recorded, LongAfter(recorded), new Described("\"md5\"", ObjectMetadata.Empty, InXattr: true));

        Assert.True(cache.TryGet(recorded, readsSidecars: true, out _));
        Assert.False(cache.TryGet(external, readsSidecars: true, out _)); // a sidecar may now hold its record
    }

    [Fact]
    public void The_least_recently_used_answer_is_dropped_at_the_bound()
    {
        var cache = new DescribeCache(new StorageOptions { ListingCacheSettleTime = TimeSpan.FromSeconds(2), ListingDescribeCacheEntries = 2 }, TimeProvider.System);
        using var dir = OpenDir(Path.GetTempPath());
        var a = Stat(ino: 1, size: 1, mtimeNs: 1, ctimeNs: 1);
        var b = Stat(ino: 2, size: 1, mtimeNs: 1, ctimeNs: 1);
        var c = Stat(ino: 3, size: 1, mtimeNs: 1, ctimeNs: 1);
        var answer = new Described("\"e\"", ObjectMetadata.Empty, InXattr: true);
        Store(cache, dir, a, a, LongAfter(a), answer);
        Store(cache, dir, b, b, LongAfter(b), answer);
        Assert.True(cache.TryGet(a, false, out _)); // a is now the most recently used
        Store(cache, dir, c, c, LongAfter(c), answer);

        Assert.Equal(2, cache.Count);
        Assert.True(cache.TryGet(a, false, out _));
        Assert.False(cache.TryGet(b, false, out _));
        Assert.True(cache.TryGet(c, false, out _));
    }

    [Fact]
    public async Task A_warm_listing_answers_from_the_cache_with_the_ETags_and_checksums_HEAD_answers()
    {
        using var v = Settling();
        var data = "checksummed"u8.ToArray();
        await v.Store.PutObjectAsync(TestVolume.Name, "d/c", new MemoryStream(data), new PutObjectOptions
        {
            ContentLength = data.Length,
            VerifiedChecksums = () => ChecksumSet.From(new Dictionary<string, string> { ["CRC32"] = "AAAAAA==" }),
        }, default);
        await v.PutAsync("d/p", "put through the API");
        v.WriteFile("d/x", "written by another program");

        await ListUntilCached(v, "d/", 3);
        var hits = v.Store.DescribeCache.Hits;
        var page = await ListingCacheTests.Page(v, "d/", null, 1000);

        Assert.Equal(hits + 3, v.Store.DescribeCache.Hits);
        Assert.Equal(["d/c", "d/p", "d/x"], page.Objects.Select(o => o.Key));
        foreach (var o in page.Objects)
        {
            var head = await v.Store.HeadObjectAsync(TestVolume.Name, o.Key, default);
            Assert.Equal(head.ETag, o.ETag);
            Assert.Equal(head.Size, o.Size);
            Assert.Equal(head.LastModified, o.LastModified);
            Assert.Equal(head.Metadata.Checksums, o.Checksums);
        }

        Assert.Equal("AAAAAA==", page.Objects[0].Checksums["CRC32"]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_in_place_overwrite_beside_the_server_shows_in_the_next_listing_with_the_HEAD_ETag(bool mtimeSetBack)
    {
        using var v = Settling();
        await v.PutAsync("k", "aaaa");
        v.WriteFile("ext", "cccc");
        await ListUntilCached(v, "", 2);
        var before = (await ListingCacheTests.Page(v, "", null, 1000)).Objects.ToDictionary(o => o.Key, o => o.ETag);

        foreach (var key in new[] { "k", "ext" })
        {
            Assert.Equal(0, Fs.TryStatPath(v.PathOf(key), out var old));
            using (var f = new FileStream(v.PathOf(key), FileMode.Open, FileAccess.Write))
            {
                f.Write("bbbb"u8); // in place: same inode, same size, its xattr kept
            }

            if (mtimeSetBack)
            {
                Touch(v.PathOf(key), old.MtimeSec, old.MtimeNsec); // utimensat: only the ctime tells
            }
        }

        var page = await ListingCacheTests.Page(v, "", null, 1000);
        foreach (var o in page.Objects)
        {
            Assert.Equal((await v.Store.HeadObjectAsync(TestVolume.Name, o.Key, default)).ETag, o.ETag);
            if (!mtimeSetBack)
            {
                Assert.NotEqual(before[o.Key], o.ETag);
            }
        }
    }

    [Fact]
    public async Task A_record_stored_on_a_listed_file_by_the_hash_run_shows_in_the_next_listing()
    {
        using var v = Settling();
        v.WriteFile("ext", "hash me");
        await ListUntilCached(v, "", 1);
        Assert.EndsWith("-1\"", (await ListingCacheTests.Page(v, "", null, 10)).Objects[0].ETag, StringComparison.Ordinal);

        // Only the xattr changes (inode, size and mtime stay): the file's ctime is what tells.
        await v.Store.Maintenance.HashExternalObjectsAsync(TestVolume.Name, new HashOptions(), default);

        var listed = (await ListingCacheTests.Page(v, "", null, 10)).Objects[0].ETag;
        var head = (await v.Store.HeadObjectAsync(TestVolume.Name, "ext", default)).ETag;
        Assert.Equal("\"" + Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(Encoding.UTF8.GetBytes("hash me"))) + "\"", head);
        Assert.Equal(head, listed);
    }

    [Fact]
    public async Task A_file_replaced_by_rename_shows_its_own_ETag()
    {
        using var v = Settling();
        await v.PutAsync("k", "aaaa");
        await ListUntilCached(v, "", 1);
        File.WriteAllText(v.PathOf("k.new"), "bbbb");
        File.Move(v.PathOf("k.new"), v.PathOf("k"), overwrite: true);

        var o = Assert.Single((await ListingCacheTests.Page(v, "", null, 10)).Objects);
        Assert.Equal((await v.Store.HeadObjectAsync(TestVolume.Name, "k", default)).ETag, o.ETag);
        Assert.EndsWith("-1\"", o.ETag, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Files_changed_within_the_settle_time_are_described_afresh()
    {
        using var v = new TestVolume(configure: o => o.ListingCacheSettleTime = TimeSpan.FromHours(1));
        await v.PutAsync("k", "aaaa");
        await ListingCacheTests.Page(v, "", null, 10);
        await ListingCacheTests.Page(v, "", null, 10);
        Assert.Equal(0, v.Store.DescribeCache.Count);
        Assert.Equal(0, v.Store.DescribeCache.Hits);
    }

    [Theory]
    [InlineData("sidecar", 0)]
    [InlineData("auto", 2)]
    public async Task Records_in_sidecar_files_are_not_cached(string metadataStore, int cached)
    {
        using var v = Settling(metadataStore);
        await v.PutAsync("k", "aaaa", new ObjectMetadata { ContentType = "text/a" });
        v.WriteFile("ext", "cccc");
        await Task.Delay(Settle * 3);
        await ListingCacheTests.Page(v, "", null, 10);
        var page = await ListingCacheTests.Page(v, "", null, 10);

        Assert.Equal(cached, v.Store.DescribeCache.Count);
        foreach (var o in page.Objects)
        {
            Assert.Equal((await v.Store.HeadObjectAsync(TestVolume.Name, o.Key, default)).ETag, o.ETag);
        }
    }

    [Fact]
    public async Task Zero_entries_turns_the_cache_off()
    {
        using var v = Settling(configure: o => o.ListingDescribeCacheEntries = 0);
        await v.PutAsync("k", "aaaa");
        await Task.Delay(Settle * 3);
        await ListingCacheTests.Page(v, "", null, 10);
        await ListingCacheTests.Page(v, "", null, 10);
        Assert.Equal(0, v.Store.DescribeCache.Count);
    }

    /// <summary>A volume whose files settle 50 ms after their last change (the real clock, so the rule is the real one).</summary>
    private static TestVolume Settling(string metadataStore = "auto", Action<StorageOptions>? configure = null) =>
        new(metadataStore, o =>
        {
            o.ListingCacheSettleTime = Settle;
            configure?.Invoke(o);
        });

    /// <summary>Lists until <paramref name="count"/> files are cached (each is cached once it has settled).</summary>
    private static async Task ListUntilCached(TestVolume v, string prefix, int count)
    {
        for (var i = 0; i < 200 && v.Store.DescribeCache.Count < count; i++)
        {
            await Task.Delay(Settle);
            await ListingCacheTests.Page(v, prefix, null, 1000);
        }

        Assert.Equal(count, v.Store.DescribeCache.Count);
    }

    /// <summary>Sets a file's mtime to the exact nanosecond with touch(1), as another program would.</summary>
    private static void Touch(string path, long sec, uint nsec)
    {
        using var p = Process.Start(new ProcessStartInfo("touch", ["-m", "-d", $"@{sec}.{nsec:D9}", path]) { UseShellExecute = false })!;
        p.WaitForExit();
        Assert.Equal(0, p.ExitCode);
        Assert.Equal(0, Fs.TryStatPath(path, out var st));
        Assert.Equal((sec, nsec), (st.MtimeSec, st.MtimeNsec));
    }

    private static Microsoft.Win32.SafeHandles.SafeFileHandle OpenDir(string path)
    {
        Assert.Equal(0, Fs.TryOpenAtPath(path, out var h));
        return h!;
    }

    private static StatxBuffer Stat(ulong ino, ulong size, long mtimeNs, long ctimeNs) => new()
    {
        Mode = (ushort)Libc.S_IFREG,
        Ino = ino,
        Size = size,
        MtimeSec = mtimeNs / 1_000_000_000,
        MtimeNsec = (uint)(mtimeNs % 1_000_000_000),
        CtimeSec = ctimeNs / 1_000_000_000,
        CtimeNsec = (uint)(ctimeNs % 1_000_000_000),
        DevMajor = 8,
        DevMinor = 1,
    };

    private static StatxBuffer With(StatxBuffer st, long? ctimeNs = null, ulong? size = null, long? mtimeNs = null, uint? dev = null)
    {
        var s = Stat(st.Ino, size ?? st.Size, mtimeNs ?? st.MtimeNs, ctimeNs ?? st.CtimeNs);
        s.DevMajor = dev ?? st.DevMajor;
        return s;
    }

    /// <summary>What the walker does after a describe that opened the file.</summary>
    private static void Store(DescribeCache cache, Microsoft.Win32.SafeHandles.SafeFileHandle dir, StatxBuffer named, StatxBuffer opened, DateTimeOffset before, Described answer)
    {
        if (cache.Qualifies(dir, named, opened, before))
        {
            cache.Add(opened, answer);
        }
    }

    private static DateTimeOffset At(long unixNs) => DateTimeOffset.UnixEpoch.AddTicks(unixNs / 100);

    private static DateTimeOffset LongAfter(StatxBuffer st) => At(st.CtimeNs + 3_600_000_000_000);
}
