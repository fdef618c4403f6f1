using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using S3Spec.Reliability.Harness;
using Xunit.Abstractions;

namespace S3Spec.Reliability;

/// <summary>
/// A data root on an 8 MiB tmpfs: every write path that runs out of space answers 507, keeps the old data, removes its
/// temporaries, and reads are served meanwhile. Skipped (with the reason) only where tmpfs cannot be mounted.
/// </summary>
public sealed class DiskFullTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Every_write_path_answers_507_keeps_old_data_and_removes_temporaries()
    {
        using var box = new Sandbox();
        await WithTmpfsAsync(box, async mount =>
        {
            // Parts staged as files, so that Complete has to copy them (placed parts are adopted without new space:
            // A_Complete_of_placed_parts_needs_no_space).
            var volume = Directory.CreateDirectory(Path.Combine(mount, "fullvol")).FullName;
            await using var server = await TestServer.StartAsync(mount, Sandbox.NewCreds(), settings: new Dictionary<string, string> { ["PlacedParts"] = "false" });
            var c = server.Client();
            var old = Encoding.ASCII.GetBytes("OLD VERSION, SMALL");
            Assert.Equal(200, (await c.PutAsync("fullvol", "obj", old)).Status);
            var src = new byte[3 * 1024 * 1024];
            Random.Shared.NextBytes(src);
            Assert.Equal(200, (await c.PutAsync("fullvol", "src", src)).Status);
            var id = await c.CreateUploadAsync("fullvol", "obj");
            var e1 = await c.UploadPartAsync("fullvol", "obj", id, 1, src);

            var big = new byte[6 * 1024 * 1024];
            Random.Shared.NextBytes(big);
            using var stop = new CancellationTokenSource();
            var reads = 0;
            var reader = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    var r = await c.GetAsync("fullvol", "obj");
                    Assert.Equal(old, r.Body);
                    reads++;
                }
            });

            var put = await c.PutAsync("fullvol", "obj", big);
            var part = await c.SendAsync("PUT", S3.Target("fullvol", "obj", $"partNumber=2&uploadId={id}"), big);
            var copy1 = await c.SendAsync("PUT", "/fullvol/copy1", [], [new("x-amz-copy-source", "/fullvol/src")]);
            var copy2 = await c.SendAsync("PUT", "/fullvol/obj", [], [new("x-amz-copy-source", "/fullvol/src")]);
            stop.Cancel();
            await reader;
            output.WriteLine($"put {put}, part {part}, copy1 {copy1}, copy2 {copy2}, reads during {reads}");
            Assert.Equal(507, put.Status);
            Assert.Equal(507, part.Status);
            Assert.True(copy1.Status == 507 || copy2.Status == 507, $"copies: {copy1} {copy2}");
            Assert.Equal(old, (await c.GetAsync("fullvol", "obj")).Body);
            Assert.Empty(Sandbox.TempFiles(volume));

            // Complete: 3 MiB part + the object must be assembled beside the existing files; fill the disk first.
            if (copy1.Status == 200)
            {
                await c.DeleteAsync("fullvol", "copy1");
            }

            var filler = new byte[1024 * 1024];
            for (var i = 0; (await c.PutAsync("fullvol", $"fill{i}", filler)).Status == 200 && i < 8; i++)
            {
            }

            var complete = await c.CompleteAsync("fullvol", "obj", id, [e1]);
            output.WriteLine($"complete {complete}");
            Assert.Equal(507, complete.Status);
            Assert.Equal(old, (await c.GetAsync("fullvol", "obj")).Body);
            Assert.Empty(Sandbox.TempFiles(volume));
            var parts = await c.SendAsync("GET", S3.Target("fullvol", "obj", $"uploadId={id}"));
            Assert.Contains("<PartNumber>1</PartNumber>", parts.Text, StringComparison.Ordinal);
        });
    }

    /// <summary>Parts of one size are placed where they end up: Complete adopts their file and needs no new space.</summary>
    [Fact]
    public async Task A_Complete_of_placed_parts_needs_no_space()
    {
        using var box = new Sandbox();
        await WithTmpfsAsync(box, async mount =>
        {
            Directory.CreateDirectory(Path.Combine(mount, "fullvol"));
            await using var server = await TestServer.StartAsync(mount, Sandbox.NewCreds());
            var c = server.Client();
            var part1 = new byte[2 * 1024 * 1024];
            var part2 = new byte[1024 * 1024];
            Random.Shared.NextBytes(part1);
            Random.Shared.NextBytes(part2);
            var id = await c.CreateUploadAsync("fullvol", "obj");
            var e1 = await c.UploadPartAsync("fullvol", "obj", id, 1, part1);
            var e2 = await c.UploadPartAsync("fullvol", "obj", id, 2, part2);
            var filler = new byte[1024 * 1024];
            var filled = 0;
            while ((await c.PutAsync("fullvol", $"fill{filled}", filler)).Status == 200 && filled < 8)
            {
                filled++;
            }

            Assert.Equal(507, (await c.PutAsync("fullvol", "one-more", filler)).Status); // the disk is full

            var complete = await c.CompleteAsync("fullvol", "obj", id, [e1, e2]);
            output.WriteLine($"complete {complete}");
            Assert.Equal(200, complete.Status);
            var body = (await c.GetAsync("fullvol", "obj")).Body;
            Assert.Equal(part1.Concat(part2).ToArray(), body);
        });
    }

    /// <summary>
    /// The free-space pre-check passes (the disk is empty when the headers arrive); then another program fills the disk
    /// while the body is still arriving, so the server's own write meets ENOSPC: 507, old data intact, temp file gone.
    /// </summary>
    [Fact]
    public async Task A_disk_filled_by_another_program_during_a_body_answers_507_and_keeps_the_old_object()
    {
        using var box = new Sandbox();
        await WithTmpfsAsync(box, async mount =>
        {
            // Parts staged as files, so that Complete has to copy them (placed parts are adopted without new space:
            // A_Complete_of_placed_parts_needs_no_space).
            var volume = Directory.CreateDirectory(Path.Combine(mount, "fullvol")).FullName;
            await using var server = await TestServer.StartAsync(mount, Sandbox.NewCreds(), settings: new Dictionary<string, string> { ["PlacedParts"] = "false" });
            var c = server.Client();
            var old = Encoding.ASCII.GetBytes("OLD VERSION, SMALL");
            Assert.Equal(200, (await c.PutAsync("fullvol", "obj", old)).Status);

            var body = new byte[4 * 1024 * 1024];
            Random.Shared.NextBytes(body);
            var target = S3.Target("fullvol", "obj");
            var headers = c.Prepare("PUT", target, body, null, payloadHash: TestSigner.UnsignedPayload);
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, server.Port);
            var stream = client.GetStream();
            await stream.WriteAsync(RawHttp.Head("PUT", target, headers, body.Length));
            await stream.WriteAsync(body.AsMemory(0, 1024 * 1024));
            var clock = Stopwatch.StartNew();
            while (!Sandbox.TempFiles(volume).Any(f => new FileInfo(f).Length > 0))
            {
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), "the server never started writing the body");
                await Task.Delay(50);
            }

            var filled = Fill(Path.Combine(mount, "filler"));
            output.WriteLine($"filled {filled} bytes beside the upload");
            var rest = Task.Run(async () =>
            {
                try
                {
                    await stream.WriteAsync(body.AsMemory(1024 * 1024));
                }
                catch (IOException)
                {
                    // The server may answer and close before the whole body is sent.
                }
            });
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var response = await RawHttp.ReadResponseAsync(stream, "PUT", timeout.Token);
            await rest;
            output.WriteLine($"put {response}");
            Assert.Equal(507, response.Status);
            Assert.Equal(old, (await c.GetAsync("fullvol", "obj")).Body);
            clock.Restart();
            while (Sandbox.TempFiles(volume).Length > 0)
            {
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), "the temp file was not removed");
                await Task.Delay(50);
            }
        });
    }

    /// <summary>Writes zeros to <paramref name="path"/> until the filesystem is full; answers the bytes written.</summary>
    private static long Fill(string path)
    {
        var chunk = new byte[64 * 1024];
        long written = 0;
        using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 0);
        try
        {
            while (true)
            {
                file.Write(chunk);
                written += chunk.Length;
            }
        }
        catch (IOException)
        {
            return written;
        }
    }

    /// <summary>Runs <paramref name="test"/> on a fresh 8 MiB tmpfs (unmounted afterwards, also on failure); logs SKIPPED with the reason where mounting fails.</summary>
    private async Task WithTmpfsAsync(Sandbox box, Func<string, Task> test)
    {
        var mount = Directory.CreateDirectory(Path.Combine(box.Root, "tmpfs")).FullName;
        if (!Run("mount", $"-t tmpfs -o size=8m tmpfs {mount}", out var why))
        {
            output.WriteLine("SKIPPED: tmpfs cannot be mounted here: " + why);
            return;
        }

        try
        {
            await test(mount);
        }
        finally
        {
            Run("umount", "-l " + mount, out _);
        }
    }

    private static bool Run(string file, string args, out string error)
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardError = true, UseShellExecute = false })!;
            error = p.StandardError.ReadToEnd();
            p.WaitForExit();
            return p.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            error = e.Message;
            return false;
        }
    }
}
