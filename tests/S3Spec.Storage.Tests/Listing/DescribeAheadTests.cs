using S3Spec.Storage.Contract;

namespace S3Spec.Storage.Tests.Listing;

/// <summary>Entries described ahead in parallel give exactly what describing each one alone (HEAD) gives, in order.</summary>
public class DescribeAheadTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Listed_infos_equal_head_of_each_key_in_order(bool cached)
    {
        using var v = cached ? TestVolume.Caching() : new TestVolume();
        var expected = new List<string>();
        for (var i = 0; i < 300; i++)
        {
            var key = $"mix/k{i:D3}";
            if (i % 3 == 0)
            {
                await v.PutAsync(key, new string('a', i), new ObjectMetadata { User = new Dictionary<string, string> { ["n"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture) } });
            }
            else
            {
                v.WriteFile(key, new string('b', i));
            }

            expected.Add(key);
        }

        File.CreateSymbolicLink(v.PathOf("mix/k100-link"), "k100"); // a symlink to a file in the volume is listed
        expected.Add("mix/k100-link");
        File.CreateSymbolicLink(v.PathOf("mix/k101-out"), "/etc/hostname"); // leaves the volume: never listed
        File.CreateSymbolicLink(v.PathOf("mix/k102-dangling"), "nothing-here");
        Directory.CreateDirectory(v.PathOf("mix/k150-empty"));
        expected.Add("mix/k150-empty/");
        expected.Sort(Utf8Order.Instance);

        foreach (var max in new[] { 1000, 129, 2 })
        {
            var listed = new List<ListEntry>();
            string? after = null;
            while (true)
            {
                var page = await ListingCacheTests.Page(v, "mix/", after, max);
                listed.AddRange(page.Objects);
                if (!page.IsTruncated)
                {
                    break;
                }

                after = page.LastReturned;
            }

            Assert.Equal(expected, listed.Select(e => e.Key));
            foreach (var entry in listed)
            {
                var head = await v.Store.HeadObjectAsync(TestVolume.Name, entry.Key, default);
                Assert.Equal(head.ETag, entry.ETag);
                Assert.Equal(head.Size, entry.Size);
                Assert.Equal(head.LastModified, entry.LastModified);
            }
        }
    }

    [Fact]
    public async Task Reserved_folder_stays_hidden_and_empty_directories_show_with_a_cached_root()
    {
        using var v = TestVolume.Caching();
        await v.PutAsync("a", "x");
        Directory.CreateDirectory(v.PathOf("e"));
        Directory.CreateDirectory(v.PathOf("only-dangling"));
        File.CreateSymbolicLink(v.PathOf("only-dangling/l"), "missing");
        Directory.CreateDirectory(v.PathOf("only-link"));
        File.WriteAllText(v.PathOf("target"), "t");
        File.CreateSymbolicLink(v.PathOf("only-link/l"), "../target");
        Assert.True(Directory.Exists(v.PathOf(".s3compat_uploads")));
        string[] expected = ["a", "e/", "only-dangling/", "only-link/l", "target"];
        foreach (var max in new[] { 1, 2, 1000 })
        {
            Assert.Equal(expected, await ListingCacheTests.All(v, "", null, max));
        }

        Assert.True(v.Store.ListingCache.Count > 0);
    }
}
