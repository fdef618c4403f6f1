using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using S3Spec.Reliability.Harness;

namespace S3Spec.Reliability;

/// <summary>Client disconnects, a full disk on every write path, concurrent writers and readers of one key.</summary>
public sealed class DurabilityTests : IAsyncLifetime
{
    private readonly Sandbox box = new();
    private TestServer server = null!;
    private string volume = "";

    public async Task InitializeAsync()
    {
        volume = box.Volume("durvol");
        server = await TestServer.StartAsync(box.Data, Sandbox.NewCreds());
    }

    public async Task DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }

        box.Dispose();
    }

    [Fact]
    public async Task A_client_that_disconnects_mid_body_publishes_nothing()
    {
        var c = server.Client();
        var old = Encoding.ASCII.GetBytes("OLD VERSION");
        Assert.Equal(200, (await c.PutAsync("durvol", "obj", old)).Status);
        var id = await c.CreateUploadAsync("durvol", "mp");
        var body = new byte[2 * 1024 * 1024];
        Random.Shared.NextBytes(body);
        foreach (var (target, hash) in new[]
        {
            (S3.Target("durvol", "obj"), TestSigner.Sha256Hex(body)),
            (S3.Target("durvol", "obj"), TestSigner.UnsignedPayload),
            (S3.Target("durvol", "new-obj"), TestSigner.UnsignedPayload),
            (S3.Target("durvol", "mp", $"partNumber=1&uploadId={id}"), TestSigner.UnsignedPayload),
        })
        {
            var headers = c.Prepare("PUT", target, body, null, payloadHash: hash);
            using (var client = new TcpClient())
            {
                await client.ConnectAsync(IPAddress.Loopback, server.Port);
                var stream = client.GetStream();
                await stream.WriteAsync(RawHttp.Head("PUT", target, headers, body.Length));
                await stream.WriteAsync(body.AsMemory(0, body.Length / 2));
                await Task.Delay(100);
                client.Client.LingerState = new LingerOption(true, 0);
            }

            await Eventually(() => Sandbox.TempFiles(volume).Length == 0, "temp file removed after the disconnect");
        }

        Assert.Equal(old, (await c.GetAsync("durvol", "obj")).Body);
        Assert.Equal(404, (await c.GetAsync("durvol", "new-obj")).Status);
        Assert.DoesNotContain("<Part>", (await c.SendAsync("GET", S3.Target("durvol", "mp", $"uploadId={id}"))).Text, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(volume, "new-obj")));
    }

    [Fact]
    public async Task Sixteen_concurrent_writers_and_readers_of_one_key_never_see_a_mix()
    {
        var versions = Versions(16);
        var result = await WritersAndReaders([server.Client()], versions, TimeSpan.FromSeconds(6));
        Assert.True(result.Errors.Count == 0, string.Join('\n', result.Errors.Take(10)));
        Assert.True(result.Reads > 20 && result.Writes > 16, $"reads {result.Reads}, writes {result.Writes}");
    }

    [Fact]
    public async Task Writers_on_three_server_processes_sharing_one_data_root_never_tear_an_object()
    {
        await using var second = await TestServer.StartAsync(box.Data, server.Admin);
        await using var third = await TestServer.StartAsync(box.Data, server.Admin);
        var versions = Versions(12);
        var result = await WritersAndReaders([server.Client(), second.Client(), third.Client()], versions, TimeSpan.FromSeconds(6));
        Assert.True(result.Errors.Count == 0, string.Join('\n', result.Errors.Take(10)));
        Assert.True(result.Reads > 20 && result.Writes > 12, $"reads {result.Reads}, writes {result.Writes}");
        Assert.Empty(Sandbox.TempFiles(volume));
    }

    internal sealed record ConcurrencyResult(long Writes, long Reads, List<string> Errors);

    private static byte[][] Versions(int n)
    {
        var rng = new Random(n);
        return Enumerable.Range(0, n).Select(i =>
        {
            var b = new byte[rng.Next(64 * 1024, 1536 * 1024)];
            rng.NextBytes(b);
            return b;
        }).ToArray();
    }

    /// <summary>
    /// Each writer PUTs its own version (with x-amz-meta-version = its index) again and again; readers GET the key:
    /// each body must hash to exactly one version, and the ETag and metadata returned with it must be that version's.
    /// </summary>
    internal static async Task<ConcurrencyResult> WritersAndReaders(S3[] clients, byte[][] versions, TimeSpan duration)
    {
        var md5 = versions.Select(S3.Md5Hex).ToArray();
        var errors = new List<string>();
        long writes = 0, reads = 0;

        // At least `duration`, and on until every writer had a turn and readers read 20 times (a loaded machine is
        // slow), within a minute more: the tests' assertions need both.
        var clock = Stopwatch.StartNew();
        bool Done() => clock.Elapsed > duration + TimeSpan.FromMinutes(1)
            || (clock.Elapsed > duration && Interlocked.Read(ref writes) > versions.Length && Interlocked.Read(ref reads) > 20);
        var writers = versions.Select((v, i) => Task.Run(async () =>
        {
            var c = clients[i % clients.Length];
            while (!Done())
            {
                var r = await c.PutAsync("durvol", "contended", v, [new("x-amz-meta-version", i.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
                Interlocked.Increment(ref writes);
                if (r.Status != 200 || r.Header("ETag") != $"\"{md5[i]}\"")
                {
                    lock (errors)
                    {
                        errors.Add($"writer {i}: {r.Status} {r.ErrorCode} ETag {r.Header("ETag")}");
                    }
                }
            }
        }));
        var readers = Enumerable.Range(0, 8).Select(j => Task.Run(async () =>
        {
            var c = clients[j % clients.Length];
            while (!Done())
            {
                var r = await c.GetAsync("durvol", "contended");
                if (r.Status == 404)
                {
                    continue;
                }

                Interlocked.Increment(ref reads);
                var hash = S3.Md5Hex(r.Body);
                var which = Array.IndexOf(md5, hash);
                var meta = r.Header("x-amz-meta-version");
                if (r.Status != 200 || which < 0 || r.Header("ETag") != $"\"{hash}\"" || meta != which.ToString(System.Globalization.CultureInfo.InvariantCulture))
                {
                    lock (errors)
                    {
                        errors.Add($"reader: {r.Status} {r.ErrorCode}, {r.Body.Length} bytes hash to version {which}, ETag {r.Header("ETag")}, meta {meta}");
                    }
                }
            }
        }));
        await Task.WhenAll(writers.Concat(readers));

        // The final state: one whole version with its own ETag and metadata.
        var last = await clients[0].GetAsync("durvol", "contended");
        var final = Array.IndexOf(md5, S3.Md5Hex(last.Body));
        if (final < 0 || last.Header("x-amz-meta-version") != final.ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            errors.Add($"final object: version {final}, meta {last.Header("x-amz-meta-version")}");
        }

        return new ConcurrencyResult(writes, reads, errors);
    }

    private static async Task Eventually(Func<bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(15))
            {
                Assert.Fail("not within 15 s: " + what);
            }

            await Task.Delay(100);
        }
    }
}
