using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using S3Spec.Storage.Contract;
using S3Spec.Storage.Listing;
using S3Spec.Storage.Posix;

namespace S3Spec.Storage.Tests.Listing;

public class ListingIndexTests
{
    /// <summary>Indexes for every directory, no in-memory snapshots (so every page goes to the index or the directory).</summary>
    private static void IndexOnly(StorageOptions o)
    {
        o.ListingIndexMinEntries = 1;
        o.ListingCacheBytes = 0;
        o.ListingCacheSettleTime = TimeSpan.FromMilliseconds(300);
    }

    private static void SlowSettling(StorageOptions o)
    {
        IndexOnly(o);
        o.ListingCacheSettleTime = TimeSpan.FromSeconds(1.5);
    }

    [Fact]
    public async Task Listings_with_and_without_the_index_are_the_same_on_the_same_tree()
    {
        using var v = new TestVolume(configure: IndexOnly, time: new ShiftedTime(TimeSpan.FromHours(1)));
        var random = new Random(16);
        var used = new HashSet<string>(StringComparer.Ordinal);
        string[] parts = ["a", "b", "é", "😀", "\uFF21", "-", "0", ".", "!", "~", "z"];
        for (var n = 0; n < 1300; n++)
        {
            var name = "k" + string.Concat(Enumerable.Range(0, random.Next(0, 5)).Select(_ => parts[random.Next(parts.Length)]));
            var key = random.Next(6) switch
            {
                0 => name + "/x",
                1 => name + "/sub/" + n.ToString(System.Globalization.CultureInfo.InvariantCulture),
                _ => name,
            };
            if (used.Add(name))
            {
                v.WriteFile(key, "x");
            }
        }

        foreach (var around in new[] { "k-", "k.", "k0", "k/" })
        {
            if (used.Add(around.TrimEnd('/')))
            {
                v.WriteFile(around == "k/" ? "k/y" : around + "/y", "x"); // directories whose names sort around '/'
            }
        }

        v.WriteFile("k-x", "x");
        v.WriteFile("k.x", "x");
        Directory.CreateDirectory(v.PathOf("empty/dir"));
        File.CreateSymbolicLink(v.PathOf("link"), "k0");
        Directory.CreateDirectory(Path.Combine(v.VolumePath, ".s3compat_uploads", "hidden"));

        var plain = new PosixObjectStore(
            new StorageOptions { DataRoot = v.DataRoot, ListingIndexMinEntries = 0, ListingCacheBytes = 0 }, TimeProvider.System, NullLogger<PosixObjectStore>.Instance);
        (string Prefix, string? Delimiter, string? After, int Max)[] cases =
        [
            ("", null, null, 1000), ("", null, null, 7), ("", "/", null, 13), ("", "/", "k-", 5), ("k", "/", "k-/", 50),
            ("k-", null, null, 3), ("", null, "k\uFF21", 100), ("k", null, "ké", 511), ("", "/", null, 1), ("empty/", null, null, 10),
        ];
        await ListAll(v.Store, cases[0]);
        await v.Store.ListingCache.Index!.WhenIdleAsync();
        Assert.NotEmpty(Directory.GetFiles(v.Store.ListingCache.Index.Folder));
        var before = v.Store.ListingCache.Index.Uses;
        foreach (var c in cases)
        {
            Assert.Equal(await ListAll(plain, c), await ListAll(v.Store, c));
        }

        Assert.True(v.Store.ListingCache.Index.Uses > before + cases.Length, "the index answered the listings");
    }

    [Fact]
    public async Task An_index_is_used_after_a_restart_and_by_another_replica_only_while_its_stamp_matches()
    {
        using var v = new TestVolume(configure: IndexOnly, time: new ShiftedTime(TimeSpan.FromHours(1)));
        Fill(v, "big", 1200);
        var expected = await ListingCacheTests.All(v, "big/", null, 1000);
        await v.Store.ListingCache.Index!.WhenIdleAsync();

        var replica = Store(v, TimeSpan.FromHours(1));
        Assert.Equal(expected, await All(replica, "big/", null, 100));
        Assert.Equal(expected[700..], await All(replica, "big/", expected[699], 100)); // a page at any position
        Assert.True(replica.ListingCache.Index!.Uses >= 17, "every page came from the index");

        v.WriteFile("big/f00500x", "foreign");  // another program: the stamp changes
        var uses = replica.ListingCache.Index.Uses;
        var now = await All(replica, "big/", null, 2000); // one page: a rewritten index may serve later ones
        Assert.Equal(uses, replica.ListingCache.Index.Uses);
        Assert.Contains("big/f00500x", now);
        Assert.Equal(expected.Count + 1, now.Count);
    }

    [Fact]
    public async Task A_stale_unsettled_or_damaged_index_file_is_not_trusted()
    {
        var clock = new ShiftedTime(TimeSpan.FromHours(1));
        using var v = new TestVolume(configure: IndexOnly, time: clock);
        Fill(v, "d", 600);
        await ListingCacheTests.All(v, "d/", null, 1000);
        var index = v.Store.ListingCache.Index!;
        await index.WhenIdleAsync();
        var stamp = v.StampOf("d");
        var path = index.PathOf(TestVolume.Name, stamp.Ino);
        var settle = TimeSpan.FromMilliseconds(300);

        using (var ok = IndexSnapshot.TryOpen(path, stamp, clock.GetUtcNow(), settle, out var state))
        {
            Assert.Equal(IndexState.Valid, state);
            Assert.Equal(600, ok!.Count);
        }

        var changeTime = DateTimeOffset.UnixEpoch.AddTicks(Math.Max(stamp.MtimeNs, stamp.CtimeNs) / 100);
        Assert.Null(IndexSnapshot.TryOpen(path, stamp, changeTime.AddMilliseconds(100), settle, out var early));
        Assert.Equal(IndexState.Unsettled, early);
        Assert.Null(IndexSnapshot.TryOpen(path, stamp with { MtimeNs = stamp.MtimeNs + 1 }, clock.GetUtcNow(), settle, out var stale));
        Assert.Equal(IndexState.Stale, stale);
        Assert.Null(IndexSnapshot.TryOpen(path, stamp with { Ino = stamp.Ino + 1 }, clock.GetUtcNow(), settle, out var other));
        Assert.Equal(IndexState.Stale, other);

        var good = File.ReadAllBytes(path);
        File.WriteAllBytes(path, good[..(good.Length / 2)]);
        Assert.Null(IndexSnapshot.TryOpen(path, stamp, clock.GetUtcNow(), settle, out var truncated));
        Assert.Equal(IndexState.Corrupt, truncated);
        foreach (var at in new[] { 30, 50, 68, IndexFormat.HeaderBytes + 3, IndexFormat.HeaderBytes + 20 })
        {
            var flipped = (byte[])good.Clone();
            flipped[at] ^= 1;
            File.WriteAllBytes(path, flipped);
            Assert.Null(IndexSnapshot.TryOpen(path, stamp, clock.GetUtcNow(), settle, out var why));
            Assert.Equal(at == 30 ? IndexState.Stale : IndexState.Corrupt, why);
        }

        File.Delete(path);
        Assert.Null(IndexSnapshot.TryOpen(path, stamp, clock.GetUtcNow(), settle, out var missing));
        Assert.Equal(IndexState.Missing, missing);
    }

    [Fact]
    public async Task A_corrupt_or_truncated_index_gives_the_exact_listing_and_is_rebuilt()
    {
        using var v = new TestVolume(configure: IndexOnly, time: new ShiftedTime(TimeSpan.FromHours(1)));
        Fill(v, "d", 1100);
        var expected = await ListingCacheTests.All(v, "d/", null, 1000);
        var index = v.Store.ListingCache.Index!;
        await index.WhenIdleAsync();
        var path = index.PathOf(TestVolume.Name, v.StampOf("d").Ino);
        var good = File.ReadAllBytes(path);

        var damaged = (byte[])good.Clone();
        damaged[^10] ^= 0x20; // inside the last page: the header and the table still check out
        File.WriteAllBytes(path, damaged);
        var uses = index.Uses;
        Assert.Equal(expected[901..], await ListingCacheTests.All(v, "d/", "d/f00900", 1000));
        Assert.True(index.Uses > uses, "the damaged index was opened");
        Assert.False(File.Exists(path)); // removed
        Assert.Equal(expected, await ListingCacheTests.All(v, "d/", null, 1000));
        await index.WhenIdleAsync();
        Assert.Equal(good, File.ReadAllBytes(path)); // removed and written again from the directory

        File.WriteAllBytes(path, good[..100]);
        Assert.Equal(expected, await ListingCacheTests.All(v, "d/", null, 333));
        await index.WhenIdleAsync();
        Assert.Equal(good, File.ReadAllBytes(path));

        File.WriteAllBytes(path, []);
        Assert.Equal(expected, await ListingCacheTests.All(v, "d/", null, 1000));
    }

    [Fact]
    public async Task A_directory_listed_while_unsettled_gets_its_index_in_the_background_once_it_settles()
    {
        using var v = new TestVolume(configure: SlowSettling, time: TimeProvider.System);
        Fill(v, "d", 700);
        var expected = await ListingCacheTests.All(v, "d/", null, 1000); // changed just now: no index written from this read
        var index = v.Store.ListingCache.Index!;
        var path = index.PathOf(TestVolume.Name, v.StampOf("d").Ino);
        Assert.False(File.Exists(path));
        await index.WhenIdleAsync(); // waits for the settle time, reads the directory again, writes
        Assert.True(File.Exists(path));
        var uses = index.Uses;
        Assert.Equal(expected, await ListingCacheTests.All(v, "d/", null, 1000));
        Assert.Equal(uses + 1, index.Uses);
    }

    [Fact]
    public void Search_and_prefix_runs_match_the_in_memory_snapshot_across_page_boundaries()
    {
        using var v = new TestVolume();
        var names = Enumerable.Range(0, 1500).Select(i => $"n{i % 37:D2}-{i:D4}" + (i % 5 == 0 ? "é" : "")).ToList();
        foreach (var n in names)
        {
            v.WriteFile("d/" + n, "x");
        }

        Directory.CreateDirectory(v.PathOf("d/n05-"));
        Assert.Equal(0, Fs.TryOpenAtPath(v.PathOf("d"), out var handle));
        using var h = handle!;
        var memory = DirSnapshotBuilder.Read(h, null, default, (_, _) => true);
        var stamp = v.StampOf("d");
        var path = Path.Combine(v.DataRoot, "index");
        File.WriteAllBytes(path, IndexFormat.Write(stamp, memory));
        using var file = IndexSnapshot.TryOpen(path, stamp, DateTimeOffset.UtcNow.AddHours(1), TimeSpan.FromSeconds(2), out var state)!;
        Assert.Equal(IndexState.Valid, state);
        IDirEntries a = memory, b = file;
        Assert.Equal(a.Count, b.Count);
        for (var i = 0; i < a.Count; i++)
        {
            Assert.Equal(a.SortKeyString(i), b.SortKeyString(i));
            Assert.Equal(a.Type(i), b.Type(i));
        }

        string[] probes = ["", "n", "n00", "n05-", "n05-/", "n05-0", "n36-1499", "n37", "o", "n1", "n12-0", "n22-0962é", "n22-0962"];
        foreach (var p in probes.Concat(names.Where((_, i) => i % 97 == 0)))
        {
            var bound = Encoding.UTF8.GetBytes(p);
            foreach (var inclusive in new[] { true, false })
            {
                var at = a.Search(bound, inclusive);
                Assert.Equal(at, b.Search(bound, inclusive));
                Assert.Equal(a.PrefixEnd(at, bound), b.PrefixEnd(at, bound));
            }
        }
    }

    private static void Fill(TestVolume v, string dir, int n)
    {
        for (var i = 0; i < n; i++)
        {
            v.WriteFile($"{dir}/f{i:D5}", "x");
        }
    }

    private static PosixObjectStore Store(TestVolume v, TimeSpan shift)
    {
        var o = new StorageOptions { DataRoot = v.DataRoot };
        IndexOnly(o);
        return new PosixObjectStore(o, new ShiftedTime(shift), NullLogger<PosixObjectStore>.Instance);
    }

    private static async Task<List<string>> All(PosixObjectStore store, string prefix, string? after, int max) =>
        await ListAll(store, (prefix, null, after, max));

    private static async Task<List<string>> ListAll(PosixObjectStore store, (string Prefix, string? Delimiter, string? After, int Max) c)
    {
        var keys = new List<string>();
        var after = c.After;
        while (true)
        {
            var page = await store.ListObjectsAsync(TestVolume.Name, new ListObjectsRequest { Prefix = c.Prefix, Delimiter = c.Delimiter, StartAfter = after, MaxKeys = c.Max }, default);
            keys.AddRange(page.Objects.Select(o => o.Key));
            keys.AddRange(page.CommonPrefixes.Select(p => "P:" + p));
            if (!page.IsTruncated)
            {
                return keys;
            }

            after = page.LastReturned;
        }
    }
}
