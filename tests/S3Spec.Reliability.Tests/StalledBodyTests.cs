using System.Globalization;
using System.Text;
using S3Spec.Reliability.Harness;

namespace S3Spec.Reliability;

public sealed class StalledBodyWorld() : ServerWorld(["stall"], new Dictionary<string, string> { ["RequestBodyIdleTimeout"] = "00:00:02" });

/// <summary>
/// Uploads whose client goes silent mid-body (issue: a PUT that sent 250 KB of 300 KB got no answer after 60 s, and 50
/// such PUTs held 200 descriptors and 50 temp files as long as the clients liked). With RequestBodyIdleTimeout each
/// ends with 400 RequestTimeout, its temp file released and the old object intact.
/// </summary>
public sealed class StalledBodyTests(StalledBodyWorld world) : IClassFixture<StalledBodyWorld>
{
    [Fact]
    public async Task A_put_that_stalls_mid_body_is_ended_with_RequestTimeout_and_the_old_object_stays()
    {
        var s3 = world.Server.Client();
        Assert.Equal(200, (await s3.PutAsync("stall", "kept.txt", Encoding.UTF8.GetBytes("old version"))).Status);

        await using var connection = await StallAsync(s3, S3.Target("stall", "kept.txt"), declared: 300_000, sent: 250_000);
        var answer = await connection.ReadAsync("PUT");

        Assert.Equal(400, answer.Status);
        Assert.Equal("RequestTimeout", answer.ErrorCode);
        Assert.Equal("close", answer.Header("Connection"));
        Assert.True(await connection.ClosedByServerAsync(TimeSpan.FromSeconds(10)), "the connection of an abandoned body must be closed");
        Assert.Equal("old version", (await s3.GetAsync("stall", "kept.txt")).Text);
        Assert.Empty(Sandbox.TempFiles(world.VolumeDir));
    }

    [Fact]
    public async Task An_upload_part_that_stalls_is_ended_and_not_staged()
    {
        var s3 = world.Server.Client();
        var id = await s3.CreateUploadAsync("stall", "mp.bin");
        await using var connection = await StallAsync(s3, S3.Target("stall", "mp.bin", $"partNumber=1&uploadId={id}"), declared: 2_000_000, sent: 1_000_000);
        var answer = await connection.ReadAsync("PUT");
        Assert.Equal("RequestTimeout", answer.ErrorCode);

        var parts = await s3.SendAsync("GET", S3.Target("stall", "mp.bin", $"uploadId={id}"));
        Assert.Equal(200, parts.Status);
        Assert.DoesNotContain("<Part>", parts.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fifty_stalled_puts_release_their_descriptors_and_temp_files()
    {
        var s3 = world.Server.Client();
        var before = OpenDescriptors(world.Server.Pid);
        var connections = new List<KeepAliveConnection>();
        try
        {
            for (var i = 0; i < 50; i++)
            {
                connections.Add(await StallAsync(s3, S3.Target("stall", $"many/{i}.bin"), declared: 10_000_000, sent: 1_000_000));
            }

            var answers = await Task.WhenAll(connections.Select(c => c.ReadAsync("PUT")));
            Assert.All(answers, a => Assert.Equal("RequestTimeout", a.ErrorCode));
        }
        finally
        {
            foreach (var c in connections)
            {
                await c.DisposeAsync();
            }
        }

        Assert.Empty(Sandbox.TempFiles(world.VolumeDir));
        Assert.False(Directory.Exists(Path.Combine(world.VolumeDir, "many")) && Directory.EnumerateFiles(Path.Combine(world.VolumeDir, "many")).Any());

        // Descriptors of the closed connections go back within moments; allow a few for the runtime's own use.
        var after = OpenDescriptors(world.Server.Pid);
        for (var i = 0; i < 50 && after > before + 10; i++)
        {
            await Task.Delay(100);
            after = OpenDescriptors(world.Server.Pid);
        }

        Assert.True(after <= before + 10, $"{before} descriptors before, {after} after the stalled uploads ended");
    }

    private static async Task<KeepAliveConnection> StallAsync(S3 s3, string target, int declared, int sent)
    {
        var headers = new List<KeyValuePair<string, string>> { new("Content-Length", declared.ToString(CultureInfo.InvariantCulture)) };
        var connection = await KeepAliveConnection.OpenAsync(s3.Port);
        await connection.WriteAsync(KeepAliveConnection.Signed(s3, "PUT", target, headers: headers, payloadHash: "UNSIGNED-PAYLOAD"), new byte[sent]);
        return connection;
    }

    private static int OpenDescriptors(int pid) => Directory.GetFileSystemEntries($"/proc/{pid}/fd").Length;
}
