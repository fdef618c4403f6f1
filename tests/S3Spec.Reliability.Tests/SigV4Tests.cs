using System.Text;
using S3Spec.Reliability.Harness;

namespace S3Spec.Reliability;

public sealed class SigV4World : IAsyncLifetime
{
    internal Sandbox Box { get; } = new();

    internal Creds Other { get; } = Sandbox.NewCreds();

    internal TestServer Server { get; private set; } = null!;

    public string Volume { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Volume = Box.Volume("sigv");
        File.WriteAllText(Path.Combine(Volume, "old.txt"), "OLD-CONTENT");
        Server = await TestServer.StartAsync(Box.Data, Sandbox.NewCreds(), Box.KeysFile((Other, ["sigv"])));
    }

    public async Task DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        Box.Dispose();
    }
}

/// <summary>
/// Requests without valid SigV4 are refused before any disk access; presigned URLs are bound to method and key;
/// a broken chunk-signature chain refuses the body and publishes nothing.
/// </summary>
public sealed class SigV4Tests(SigV4World world) : IClassFixture<SigV4World>
{
    private static readonly byte[] Body = Encoding.ASCII.GetBytes("NEW-CONTENT");

    [Fact]
    public async Task Unauthenticated_writes_are_refused_and_touch_no_file()
    {
        var server = world.Server;
        var good = server.Client();
        var stranger = new S3(server.Port, Sandbox.NewCreds());
        var wrongSecret = new S3(server.Port, good.Creds with { Secret = "rps_wrong" });
        var wrongRegion = new S3(server.Port, good.Creds with { Region = "us-west-2" });
        var before = Tree();
        var cases = new List<(string Name, Func<string, Task<RawResponse>> Send, int[] Statuses)>
        {
            ("no auth", t => RawHttp.SendAsync(server.Port, "PUT", t, [new("Host", good.Host)], Body), [403]),
            ("bad signature", t => wrongSecret.SendAsync("PUT", t, Body), [403]),
            ("unknown key", t => stranger.SendAsync("PUT", t, Body), [403]),
            ("expired presigned", t => RawHttp.SendAsync(server.Port, "PUT", good.Presign("PUT", t, expires: 60, time: DateTimeOffset.UtcNow.AddMinutes(-5)), [new("Host", good.Host)], Body), [403]),
            ("wrong region", t => wrongRegion.SendAsync("PUT", t, Body), [400]), // AuthorizationHeaderMalformed, as S3 (docs/auth.md)
            ("skewed +2h (replay window)", t => good.SendAsync("PUT", t, Body, time: DateTimeOffset.UtcNow.AddHours(2)), [403]),
            ("replayed -2h", t => good.SendAsync("PUT", t, Body, time: DateTimeOffset.UtcNow.AddHours(-2)), [403]),
            ("SigV2", t => RawHttp.SendAsync(server.Port, "PUT", t, [new("Host", good.Host), new("Authorization", "AWS " + good.Creds.AccessKey + ":c2lnbmF0dXJl")], Body), [400, 403]),
        };

        foreach (var (name, send, statuses) in cases)
        {
            foreach (var key in new[] { "old.txt", "fresh-" + name.Replace(' ', '-') + ".txt", "dir/sub/new.txt" })
            {
                var r = await send("/sigv/" + key);
                Assert.True(statuses.Contains(r.Status), $"{name} {key}: {r.Status} {r.Text}");
            }

            var get = await send("/sigv/old.txt");
            Assert.DoesNotContain("OLD-CONTENT", get.Text, StringComparison.Ordinal);
        }

        // A replay of a captured, valid request outside the skew window: the same bytes, signed 61 minutes ago.
        var old = DateTimeOffset.UtcNow.AddMinutes(-61);
        var replay = await good.SendAsync("GET", "/sigv/old.txt", time: old);
        Assert.Equal(403, replay.Status);
        Assert.Equal("RequestTimeTooSkewed", replay.ErrorCode);

        Assert.Equal(before, Tree());
        Assert.Equal("OLD-CONTENT", File.ReadAllText(Path.Combine(world.Volume, "old.txt")));

        // Signed headers but a body that does not match the signed payload hash: refused after streaming, nothing kept.
        var tampered = await good.SendAsync("PUT", "/sigv/old.txt", Body, payloadHash: TestSigner.Sha256Hex("other"u8));
        Assert.Equal("XAmzContentSHA256Mismatch", tampered.ErrorCode);
        Assert.Equal("OLD-CONTENT", File.ReadAllText(Path.Combine(world.Volume, "old.txt")));
        Assert.Empty(Sandbox.TempFiles(world.Volume));
    }

    [Fact]
    public async Task A_presigned_url_is_bound_to_its_method_and_key()
    {
        var server = world.Server;
        var good = server.Client();
        var url = good.Presign("GET", "/sigv/old.txt");
        Assert.Equal("OLD-CONTENT", (await RawHttp.SendAsync(server.Port, "GET", url, [new("Host", good.Host)], null)).Text);
        var before = Tree();
        foreach (var method in new[] { "PUT", "DELETE", "POST", "HEAD" })
        {
            var r = await RawHttp.SendAsync(server.Port, method, url, [new("Host", good.Host)], method is "PUT" or "POST" ? Body : null);
            Assert.Equal(403, r.Status);
        }

        // The same URL with another key's id substituted in the credential.
        var otherId = url.Replace(good.Creds.AccessKey, world.Other.AccessKey, StringComparison.Ordinal);
        Assert.Equal(403, (await RawHttp.SendAsync(server.Port, "GET", otherId, [new("Host", good.Host)], null)).Status);

        // The same URL pointed at another object.
        var otherPath = url.Replace("/sigv/old.txt", "/sigv/other.txt", StringComparison.Ordinal);
        Assert.Equal(403, (await RawHttp.SendAsync(server.Port, "GET", otherPath, [new("Host", good.Host)], null)).Status);
        Assert.Equal(before, Tree());
    }

    [Fact]
    public async Task A_chunk_signature_broken_in_the_middle_refuses_the_body_and_publishes_nothing()
    {
        var good = world.Server.Client();
        var data = new byte[5 * 64 * 1024 - 100];
        new Random(3).NextBytes(data);

        // Positive control: the same body correctly signed is accepted (so the signer is right).
        Assert.Equal(200, (await PutStreaming(good, "/sigv/chunked-ok.bin", data, corruptChunk: -1)).Status);
        Assert.Equal(S3.Md5Hex(data), S3.Md5Hex((await good.GetAsync("sigv", "chunked-ok.bin")).Body));

        var before = Tree();
        foreach (var key in new[] { "old.txt", "chunked-new.bin" })
        {
            var r = await PutStreaming(good, "/sigv/" + key, data, corruptChunk: 2);
            Assert.Equal(403, r.Status);
            Assert.Equal("SignatureDoesNotMatch", r.ErrorCode);
        }

        var id = await good.CreateUploadAsync("sigv", "chunked-mp.bin");
        var part = await PutStreaming(good, $"/sigv/chunked-mp.bin?partNumber=1&uploadId={id}", data, corruptChunk: 2);
        Assert.Equal(403, part.Status);
        Assert.DoesNotContain("<Part>", (await good.SendAsync("GET", $"/sigv/chunked-mp.bin?uploadId={id}")).Text, StringComparison.Ordinal);
        Assert.Equal(204, (await good.SendAsync("DELETE", $"/sigv/chunked-mp.bin?uploadId={id}")).Status);

        Assert.Equal(before, Tree());
        Assert.Empty(Sandbox.TempFiles(world.Volume));
        Assert.Equal("OLD-CONTENT", File.ReadAllText(Path.Combine(world.Volume, "old.txt")));
    }

    private static async Task<RawResponse> PutStreaming(S3 client, string target, byte[] data, int corruptChunk)
    {
        var time = DateTimeOffset.UtcNow;
        var chunk = 64 * 1024;
        var encodedLength = ChunkedBodyBuilder.Signed(data, chunk, new string('0', 64), client.Creds, time).Length;
        var headers = new List<KeyValuePair<string, string>>
        {
            new("Content-Encoding", "aws-chunked"),
            new("x-amz-decoded-content-length", data.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("Content-Length", encodedLength.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        var seed = TestSigner.SignHeaders("PUT", target, headers, TestSigner.StreamingPayload, client.Creds, time, client.Host);
        var body = ChunkedBodyBuilder.Signed(data, chunk, seed, client.Creds, time, corruptChunk);
        return await RawHttp.SendAsync(client.Port, "PUT", target, headers, body);
    }

    /// <summary>Every path under the volume (staging included, lock files excepted) with its size and mtime.</summary>
    private SortedDictionary<string, string> Tree()
    {
        var map = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var e in new DirectoryInfo(world.Volume).EnumerateFileSystemInfos("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))
        {
            if (e.FullName.Contains("/.locks", StringComparison.Ordinal) || e.FullName.EndsWith("/keys.lock", StringComparison.Ordinal) || e.FullName.Contains("chunked-ok", StringComparison.Ordinal))
            {
                continue;
            }

            map[e.FullName] = e is FileInfo f ? $"{f.Length}@{f.LastWriteTimeUtc.Ticks}" : "dir";
        }

        return map;
    }
}
