using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using S3Spec.Reliability.Harness;

namespace S3Spec.Reliability;

/// <summary>
/// A server whose listings answer warm files from the describe cache (docs/storage.md, "Describe cache"): a file
/// overwritten in place beside the server by another program (same inode, same size, its xattr kept, even with its
/// mtime set back) is listed with the ETag HEAD answers for it, in the very next listing.
/// </summary>
public sealed partial class ListingDescribeTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_outside_in_place_overwrite_shows_in_the_next_listing_with_the_HEAD_ETag(bool mtimeSetBack)
    {
        using var box = new Sandbox();
        var vol = box.Volume("vola");
        await using var server = await TestServer.StartAsync(box.Data, Sandbox.NewCreds(), settings: new Dictionary<string, string>
        {
            ["ListingCacheSettleTime"] = "00:00:00.050",
        });
        var client = server.Client();
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(200, (await client.PutAsync("vola", $"api-{i:D2}", Encoding.ASCII.GetBytes($"api body {i:D2}"))).Status);
            File.WriteAllText(Path.Combine(vol, $"ext-{i:D2}"), $"ext body {i:D2}");
        }

        // Settled, listed (the answers cached), listed again (answered from the cache).
        await Task.Delay(200);
        var before = await ListAsync(client);
        Assert.Equal(40, before.Count);
        Assert.Equal(before, await ListAsync(client));

        foreach (var key in before.Keys)
        {
            var path = Path.Combine(vol, key);
            var mtime = File.GetLastWriteTimeUtc(path);
            var exact = Stat(path);
            using (var f = new FileStream(path, FileMode.Open, FileAccess.Write))
            {
                f.Write(Encoding.ASCII.GetBytes(key.StartsWith("api", StringComparison.Ordinal) ? "API BODY" : "EXT BODY")); // same size, in place
            }

            if (mtimeSetBack)
            {
                Touch(path, exact);
                Assert.Equal(mtime, File.GetLastWriteTimeUtc(path));
            }
        }

        var after = await ListAsync(client);
        Assert.Equal(before.Keys, after.Keys);
        foreach (var (key, etag) in after)
        {
            var head = await client.SendAsync("HEAD", S3.Target("vola", key));
            Assert.Equal(200, head.Status);
            Assert.Equal(head.Header("ETag"), etag);
            if (!mtimeSetBack)
            {
                Assert.NotEqual(before[key], etag);
            }
        }
    }

    private static async Task<SortedDictionary<string, string>> ListAsync(S3 client)
    {
        var r = await client.ListAsync("vola", "list-type=2&max-keys=1000");
        Assert.Equal(200, r.Status);
        var listed = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in S3.All(r.Text, "<Contents>", "</Contents>"))
        {
            listed[S3.Between(entry, "<Key>", "</Key>")] = S3.Between(entry, "<ETag>", "</ETag>").Replace("&quot;", "\"", StringComparison.Ordinal);
        }

        return listed;
    }

    /// <summary>The file's mtime as "seconds.nanoseconds" (stat(1)).</summary>
    private static string Stat(string path)
    {
        var text = Run("stat", "-c", "%.9Y", path).Trim();
        Assert.Matches(Exact(), text);
        return text;
    }

    /// <summary>Sets the mtime back to the exact nanosecond, as another program would (touch(1): utimensat).</summary>
    private static void Touch(string path, string mtime)
    {
        Run("touch", "-m", "-d", "@" + mtime, path);
        Assert.Equal(mtime, Stat(path));
    }

    private static string Run(string file, params string[] args)
    {
        using var p = Process.Start(new ProcessStartInfo(file, args) { UseShellExecute = false, RedirectStandardOutput = true })!;
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Assert.Equal(0, p.ExitCode);
        return output;
    }

    [GeneratedRegex(@"^\d+\.\d{9}$")]
    private static partial Regex Exact();
}
