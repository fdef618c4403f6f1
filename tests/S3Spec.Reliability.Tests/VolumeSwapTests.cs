using System.Globalization;
using System.Text;
using S3Spec.Reliability.Harness;
using Xunit.Abstractions;

namespace S3Spec.Reliability;

/// <summary>
/// The server keeps each volume root's descriptor across requests (docs/storage.md, "Volume roots"). Another
/// program (an admin command, another replica) replacing or removing a volume directory is seen by the next request:
/// it serves the new directory or answers NoSuchBucket, never the old directory and never 500.
/// </summary>
public sealed class VolumeSwapTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_volume_directory_replaced_or_removed_between_two_requests_is_seen_by_the_second()
    {
        using var box = new Sandbox();
        var vol = box.Volume("vols");
        File.WriteAllText(Path.Combine(vol, "k"), "old");
        await using var server = await TestServer.StartAsync(box.Data, Sandbox.NewCreds());
        var client = server.Client();
        Assert.Equal("old", (await client.GetAsync("vols", "k")).Text);

        Directory.Move(vol, Path.Combine(box.Data, "vols-away"));
        Directory.CreateDirectory(vol);
        File.WriteAllText(Path.Combine(vol, "k"), "new");
        Assert.Equal("new", (await client.GetAsync("vols", "k")).Text);
        Assert.Equal(200, (await client.PutAsync("vols", "written", Encoding.ASCII.GetBytes("w"))).Status);
        Assert.True(File.Exists(Path.Combine(vol, "written")));
        Assert.False(File.Exists(Path.Combine(box.Data, "vols-away", "written")));

        Directory.Delete(vol, recursive: true);
        var gone = await client.GetAsync("vols", "k");
        Assert.Equal((404, "NoSuchBucket"), (gone.Status, gone.ErrorCode));
        var put = await client.PutAsync("vols", "k", Encoding.ASCII.GetBytes("x"));
        Assert.Equal((404, "NoSuchBucket"), (put.Status, put.ErrorCode));
        Assert.False(Directory.Exists(vol));
    }

    [Fact]
    public async Task Gets_while_the_volume_directory_is_swapped_never_answer_500_nor_the_directory_swapped_out_before_they_started()
    {
        using var box = new Sandbox();
        var vol = box.Volume("vols");
        File.WriteAllText(Path.Combine(vol, "gen"), "0");
        await using var server = await TestServer.StartAsync(box.Data, Sandbox.NewCreds());
        var client = server.Client();
        Assert.Equal("0", (await client.GetAsync("vols", "gen")).Text);

        var published = 0;
        using var stop = new CancellationTokenSource();
        var statuses = new int[600];
        var stale = new System.Collections.Concurrent.ConcurrentQueue<string>();
        async Task Reader()
        {
            while (!stop.IsCancellationRequested)
            {
                var before = Volatile.Read(ref published);
                var r = await client.GetAsync("vols", "gen");
                Interlocked.Increment(ref statuses[r.Status]);
                if (r.Status == 200 && int.Parse(r.Text, CultureInfo.InvariantCulture) < before)
                {
                    stale.Enqueue($"generation {r.Text} served after generation {before} was swapped in");
                }
                else if (r.Status != 200 && !(r.ErrorCode == "NoSuchKey" && Volatile.Read(ref published) > before))
                {
                    // NoSuchKey only for a GET that started before a swap and resolved in the directory swapped out
                    // and removed meanwhile.
                    stale.Enqueue($"{r} (request started at generation {before})");
                }
            }
        }

        var readers = Enumerable.Range(0, 4).Select(_ => Task.Run(Reader)).ToArray();
        const int Swaps = 150;
        try
        {
            for (var g = 1; g <= Swaps; g++)
            {
                var next = Path.Combine(box.Data, "next-" + g.ToString(CultureInfo.InvariantCulture));
                Directory.CreateDirectory(next);
                File.WriteAllText(Path.Combine(next, "gen"), g.ToString(CultureInfo.InvariantCulture));
                Assert.Equal(0, S3Spec.Posix.Libc.RenameAt2(S3Spec.Posix.Libc.AT_FDCWD, next, S3Spec.Posix.Libc.AT_FDCWD, vol, S3Spec.Posix.Libc.RENAME_EXCHANGE));
                Volatile.Write(ref published, g);
                Directory.Delete(next, recursive: true);
                await Task.Delay(2);
            }
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(readers);
        }

        var counts = string.Join(", ", statuses.Select((n, s) => (n, s)).Where(x => x.n > 0).Select(x => $"{x.s}: {x.n}"));
        output.WriteLine($"GETs during {Swaps} swaps: {counts}");
        Assert.Equal(0, statuses[500]);
        Assert.Empty(stale);
        Assert.Equal(Swaps.ToString(CultureInfo.InvariantCulture), (await client.GetAsync("vols", "gen")).Text);
        Assert.True(statuses[200] > Swaps, counts);
    }
}
