using S3Spec.Storage.Contract;
using S3Spec.Storage.Listing;
using S3Spec.Storage.Posix;

namespace S3Spec.Storage.Tests.Listing;

public class ListingCacheTests
{
    [Fact]
    public async Task Creations_deletions_and_renames_in_a_cached_directory_show_on_the_next_page()
    {
        using var v = TestVolume.Caching();
        for (var i = 0; i < 50; i++)
        {
            v.WriteFile($"d/p{i:D3}", "x");
        }

        var first = await Page(v, "d/", null, 10);
        Assert.Equal(10, first.Objects.Count);
        Assert.Equal(1, v.Store.ListingCache.Count);

        // All within the same second as the snapshot: only the directory's own timestamps tell.
        v.WriteFile("d/p015x", "new");
        File.Delete(v.PathOf("d/p020"));
        File.Move(v.PathOf("d/p030"), v.PathOf("d/p999"));
        var rest = await All(v, "d/", first.LastReturned, 7);
        var expected = Enumerable.Range(10, 40).Where(i => i is not 20 and not 30).Select(i => $"d/p{i:D3}").Append("d/p015x").Append("d/p999")
            .Order(Utf8Order.Instance).ToList();
        Assert.Equal(expected, rest);

        File.Delete(v.PathOf("d/p999"));
        Assert.DoesNotContain("d/p999", await All(v, "d/", "d/p998", 5));
    }

    [Fact]
    public async Task A_directory_changed_within_the_settle_time_is_not_kept()
    {
        var clock = new ShiftedTime(TimeSpan.Zero);
        using var v = new TestVolume(configure: o => o.ListingCacheMinEntries = 1, time: clock);
        v.WriteFile("d/a", "x");
        v.WriteFile("d/b", "x");
        await Page(v, "d/", null, 1);
        Assert.Equal(0, v.Store.ListingCache.Count); // changed just now: a change in the same tick could hide

        clock.Offset = TimeSpan.FromSeconds(3);
        await Page(v, "d/", null, 1);
        Assert.Equal(1, v.Store.ListingCache.Count);
    }

    [Fact]
    public void The_settle_rule_takes_the_later_of_mtime_and_ctime()
    {
        var t = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
        var ns = 1_700_000_000L * 1_000_000_000L;
        var settle = TimeSpan.FromSeconds(2);
        Assert.False(DirSnapshotCache.IsSettled(new DirStamp(1, 2, ns, ns, 0), t.AddMilliseconds(1999), settle));
        Assert.True(DirSnapshotCache.IsSettled(new DirStamp(1, 2, ns, ns, 0), t.AddSeconds(2), settle));
        Assert.False(DirSnapshotCache.IsSettled(new DirStamp(1, 2, ns, ns + 1_000_000_000L, 0), t.AddSeconds(2), settle));
        Assert.False(DirSnapshotCache.IsSettled(new DirStamp(1, 2, ns + 1, ns, 0), t.AddSeconds(2), settle));
    }

    [Fact]
    public async Task Snapshots_are_evicted_least_recently_used_first_within_the_budget()
    {
        const long budget = 2600; // two snapshots of 100 four-byte names (1,032 bytes each), not three
        using var v = new TestVolume(configure: o => { o.ListingCacheMinEntries = 1; o.ListingCacheBytes = budget; }, time: new ShiftedTime(TimeSpan.FromHours(1)));
        for (var d = 0; d < 3; d++)
        {
            for (var i = 0; i < 100; i++)
            {
                v.WriteFile($"d{d}/f{i:D3}", "x");
            }
        }

        await Page(v, "d0/", null, 5);
        await Page(v, "d1/", null, 5);
        await Page(v, "d0/", "d0/f002", 5); // d0 is now the most recently used
        await Page(v, "d2/", null, 5);
        var cache = v.Store.ListingCache;
        Assert.Equal(2, cache.Count);
        Assert.True(cache.Bytes <= budget);
        Assert.True(cache.Holds(v.StampOf("d0")));
        Assert.False(cache.Holds(v.StampOf("d1")));
        Assert.True(cache.Holds(v.StampOf("d2")));

        using var tiny = new TestVolume(configure: o => { o.ListingCacheMinEntries = 1; o.ListingCacheBytes = 500; }, time: new ShiftedTime(TimeSpan.FromHours(1)));
        for (var i = 0; i < 100; i++)
        {
            tiny.WriteFile($"big/f{i:D3}", "x");
        }

        Assert.Equal(100, (await All(tiny, "big/", null, 30)).Count);
        Assert.Equal(0, tiny.Store.ListingCache.Count); // larger than the whole budget: never kept
    }

    [Fact]
    public async Task Small_directories_below_the_threshold_are_not_kept()
    {
        using var v = new TestVolume(configure: o => o.ListingCacheMinEntries = 10, time: new ShiftedTime(TimeSpan.FromHours(1)));
        for (var i = 0; i < 9; i++)
        {
            v.WriteFile($"small/f{i}", "x");
            v.WriteFile($"large/f{i}", "x");
        }

        v.WriteFile("large/f9", "x");
        await Page(v, "small/", null, 100);
        Assert.Equal(0, v.Store.ListingCache.Count);
        await Page(v, "large/", null, 100);
        Assert.Equal(1, v.Store.ListingCache.Count);
    }

    [Fact]
    public async Task Names_sharing_long_prefixes_sort_in_utf8_byte_order()
    {
        using var v = TestVolume.Caching();
        var random = new Random(7);
        string[] parts = ["a", "b", "é", "😀", "\uFF21", "-", "0", "/"];
        var expected = new SortedSet<string>(Utf8Order.Instance);
        while (expected.Count < 400)
        {
            var name = "samples_00" + string.Concat(Enumerable.Range(0, random.Next(0, 4)).Select(_ => parts[random.Next(parts.Length - 1)]));
            var key = random.Next(5) == 0 ? name + "/x" : name;
            if (expected.Contains(name) || expected.Contains(name + "/x"))
            {
                continue;
            }

            v.WriteFile(key, "x");
            expected.Add(key);
        }

        Assert.Equal(expected.ToList(), await All(v, "", null, 33));
        Assert.Equal(expected.ToList(), await All(v, "", null, 1000));
    }

    [Fact]
    public async Task Concurrent_listers_each_get_the_whole_ordered_listing()
    {
        using var v = TestVolume.Caching();
        var expected = new List<string>();
        for (var i = 0; i < 3000; i++)
        {
            var key = i % 10 == 0 ? $"dir{i:D4}/inner" : $"f{i:D4}";
            v.WriteFile(key, "x");
            expected.Add(key);
        }

        expected.Sort(Utf8Order.Instance);
        var runs = Enumerable.Range(0, 16).Select(n => Task.Run(() => All(v, "", null, 50 + (n * 37)))).ToArray();
        foreach (var got in await Task.WhenAll(runs))
        {
            Assert.Equal(expected, got);
        }

        Assert.True(v.Store.ListingCache.Count >= 1);
    }

    internal static Task<ListObjectsPage> Page(TestVolume v, string prefix, string? after, int max) =>
        v.Store.ListObjectsAsync(TestVolume.Name, new ListObjectsRequest { Prefix = prefix, StartAfter = after, MaxKeys = max }, default);

    internal static async Task<List<string>> All(TestVolume v, string prefix, string? after, int max)
    {
        var keys = new List<string>();
        while (true)
        {
            var page = await Page(v, prefix, after, max);
            keys.AddRange(page.Objects.Select(o => o.Key));
            if (!page.IsTruncated)
            {
                return keys;
            }

            after = page.LastReturned;
        }
    }
}
