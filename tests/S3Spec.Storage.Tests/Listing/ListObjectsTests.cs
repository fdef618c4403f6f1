using System.Text;
using S3Spec.Storage.Contract;

namespace S3Spec.Storage.Tests.Listing;

public class ListObjectsTests
{
    private static readonly string[] Tree =
    [
        "a/b", "a-b", "a+b", "é", "😀", "\uFF21", "z", "a/c/d", "a/c/e", "a/x/y/z", "b/1", "b/2", "b/c/3", "c.txt", "cc/dd/ee", "e/",
        "m/n/", "d1/d2/", "q/a", "q/b/", "qa",
    ];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Lists_in_utf8_byte_order_with_empty_directories_as_keys(bool cached)
    {
        using var v = await Build(cached);
        var page = await v.Store.ListObjectsAsync(TestVolume.Name, new ListObjectsRequest(), default);
        Assert.Equal(Expected(), page.Objects.Select(o => o.Key));
        Assert.False(page.IsTruncated);
        var dir = page.Objects.Single(o => o.Key == "e/");
        Assert.Equal(0, dir.Size);
        Assert.Equal("\"d41d8cd98f00b204e9800998ecf8427e\"", dir.ETag);
        Assert.DoesNotContain(page.Objects, o => o.Key.StartsWith(".s3compat_uploads", StringComparison.Ordinal));
        Assert.DoesNotContain(page.Objects, o => o.Key == "q/"); // non-empty directory is not a key
        Assert.Equal(cached, v.Store.ListingCache.Count > 0);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Paging_with_start_after_matches_brute_force_for_every_split(bool cached)
    {
        using var v = await Build(cached);
        var all = Expected();
        foreach (var prefix in new[] { "", "a", "a/", "q", "b/c", "zz" })
        {
            foreach (var delimiter in new string?[] { null, "/", "b", "c/" })
            {
                var expected = BruteForce(all, prefix, delimiter);
                foreach (var pageSize in new[] { 1, 2, 3, 1000 })
                {
                    var got = new List<string>();
                    string? after = null;
                    for (var guard = 0; guard < 100; guard++)
                    {
                        var page = await v.Store.ListObjectsAsync(TestVolume.Name,
                            new ListObjectsRequest { Prefix = prefix, Delimiter = delimiter, StartAfter = after, MaxKeys = pageSize }, default);
                        var items = page.Objects.Select(o => o.Key).Concat(page.CommonPrefixes).Order(Utf8Order.Instance).ToList();
                        Assert.True(items.Count <= pageSize);
                        got.AddRange(items);
                        if (!page.IsTruncated)
                        {
                            break;
                        }

                        Assert.Equal(items[^1], page.LastReturned);
                        after = page.LastReturned;
                    }

                    Assert.Equal(expected, got);
                }
            }
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Random_start_after_points_match_brute_force(bool cached)
    {
        using var v = cached ? TestVolume.Caching() : new TestVolume();
        var random = new Random(42);
        var keys = new SortedSet<string>(Utf8Order.Instance);
        string[] alphabet = ["a", "b", "é", "😀", "-", "+", "0"];
        while (keys.Count < 150)
        {
            var depth = random.Next(1, 4);
            var key = string.Join('/', Enumerable.Range(0, depth).Select(_ => string.Concat(Enumerable.Range(0, random.Next(1, 3)).Select(_ => alphabet[random.Next(alphabet.Length)]))));
            if (keys.Any(k => k.StartsWith(key + "/", StringComparison.Ordinal) || key.StartsWith(k + "/", StringComparison.Ordinal)))
            {
                continue;
            }

            keys.Add(key);
            await v.PutAsync(key, "x");
        }

        var all = keys.ToList();
        for (var i = 0; i < 60; i++)
        {
            var after = i % 3 == 0 ? all[random.Next(all.Count)] : all[random.Next(all.Count)][..1] + alphabet[random.Next(alphabet.Length)];
            foreach (var delimiter in new string?[] { null, "/" })
            {
                var page = await v.Store.ListObjectsAsync(TestVolume.Name,
                    new ListObjectsRequest { StartAfter = after, Delimiter = delimiter, MaxKeys = 7 }, default);
                var expected = BruteForce(all.Where(k => Utf8Order.Cmp(k, after) > 0).ToList(), "", delimiter).Where(k => k != after).Take(7);
                var got = page.Objects.Select(o => o.Key).Concat(page.CommonPrefixes).Order(Utf8Order.Instance);
                Assert.Equal(expected, got);
            }
        }
    }

    [Fact]
    public async Task Invalid_utf8_names_are_skipped()
    {
        using var v = new TestVolume();
        v.WriteFile("ok", "x");
        byte[] raw = [.. Encoding.UTF8.GetBytes(v.VolumePath + "/"), 0x62, 0xFF, 0]; // "b\xFF"
        var fd = CreateRaw(raw);
        Assert.True(fd >= 0);
        S3Spec.Posix.Libc.Close(fd);
        try
        {
            var page = await v.Store.ListObjectsAsync(TestVolume.Name, new ListObjectsRequest(), default);
            Assert.Equal(["ok"], page.Objects.Select(o => o.Key));
        }
        finally
        {
            UnlinkRaw(raw);
        }
    }

    private static List<string> Expected()
    {
        var keys = Tree.ToList();
        keys.Sort(Utf8Order.Instance);
        return keys;
    }

    private static List<string> BruteForce(List<string> sorted, string prefix, string? delimiter)
    {
        var result = new List<string>();
        foreach (var k in sorted.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)))
        {
            var item = k;
            if (delimiter is not null)
            {
                var at = k.IndexOf(delimiter, prefix.Length, StringComparison.Ordinal);
                if (at >= 0)
                {
                    item = k[..(at + delimiter.Length)];
                }
            }

            if (result.Count == 0 || result[^1] != item)
            {
                result.Add(item);
            }
        }

        return result;
    }

    private static async Task<TestVolume> Build(bool cached = false)
    {
        var v = cached ? TestVolume.Caching() : new TestVolume();
        foreach (var key in Tree)
        {
            if (key.EndsWith('/'))
            {
                Directory.CreateDirectory(v.PathOf(key));
            }
            else
            {
                await v.PutAsync(key, "content of " + key);
            }
        }

        return v;
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "unlink")]
    private static extern int UnlinkRaw(byte[] path);

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "creat")]
    private static extern int CreateRaw(byte[] path, int mode = 0x1A4);
}
