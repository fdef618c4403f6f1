using System.Text;
using S3Spec.Reliability.Harness;
using Xunit.Abstractions;

namespace S3Spec.Reliability;

/// <summary>
/// GETs through an in-volume relative symlink (<c>cur/file.txt -> ../rel/v2/file.txt</c>) while another program
/// renames its own files in the volume: openat2 with RESOLVE_BENEATH answers EAGAIN whenever any rename in the system
/// raced a lookup through "..". The server retries (bounded) and otherwise answers 503 SlowDown, never 500.
/// </summary>
public sealed class RenameRaceTests(ITestOutputHelper output)
{
    private const int Clients = 4;
    private const int RequestsPerClient = 500;

    [Fact]
    public async Task Gets_through_a_relative_symlink_while_files_are_renamed_beside_the_server_never_answer_500()
    {
        using var box = new Sandbox();
        var vol = box.Volume("vola");
        Directory.CreateDirectory(Path.Combine(vol, "rel", "v2"));
        Directory.CreateDirectory(Path.Combine(vol, "cur"));
        Directory.CreateDirectory(Path.Combine(vol, "scratch"));
        File.WriteAllText(Path.Combine(vol, "rel", "v2", "file.txt"), "version 2");
        File.CreateSymbolicLink(Path.Combine(vol, "cur", "file.txt"), "../rel/v2/file.txt");
        File.WriteAllText(Path.Combine(vol, "scratch", "a"), "x");
        await using var server = await TestServer.StartAsync(box.Data, Sandbox.NewCreds());
        var client = server.Client();
        Assert.Equal("version 2", Encoding.ASCII.GetString((await client.GetAsync("vola", "cur/file.txt")).Body)); // control, before renames

        using var stop = new CancellationTokenSource();
        long renames = 0;
        var renamer = Task.Run(() =>
        {
            // An unrelated program renaming its own files, as fast as it can.
            var a = Path.Combine(vol, "scratch", "a");
            var b = Path.Combine(vol, "scratch", "b");
            while (!stop.IsCancellationRequested)
            {
                File.Move(a, b);
                File.Move(b, a);
                renames += 2;
            }
        });

        var statuses = new int[600];
        var wrong = 0;
        try
        {
            await Task.WhenAll(Enumerable.Range(0, Clients).Select(_ => Task.Run(async () =>
            {
                for (var i = 0; i < RequestsPerClient; i++)
                {
                    var r = await client.GetAsync("vola", "cur/file.txt");
                    Interlocked.Increment(ref statuses[r.Status]);
                    if (r.Status == 200 && Encoding.ASCII.GetString(r.Body) != "version 2")
                    {
                        Interlocked.Increment(ref wrong);
                    }
                    else if (r.Status == 503)
                    {
                        Assert.Equal("SlowDown", r.ErrorCode);
                    }
                }
            })));
        }
        finally
        {
            await stop.CancelAsync();
            await renamer;
        }

        var counts = string.Join(", ", statuses.Select((n, s) => (n, s)).Where(x => x.n > 0).Select(x => $"{x.s}: {x.n}"));
        output.WriteLine($"{Clients * RequestsPerClient} GETs during {renames} renames: {counts}");
        Assert.Equal(0, statuses[500]);
        Assert.Equal(0, wrong);
        Assert.Equal(Clients * RequestsPerClient, statuses[200] + statuses[503]);
    }
}
