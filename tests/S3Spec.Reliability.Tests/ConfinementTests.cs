using System.Security.Cryptography;
using System.Text;
using S3Spec.Reliability.Harness;

namespace S3Spec.Reliability;

/// <summary>
/// No request reaches a byte outside its volume: hostile raw paths (sent unnormalised), symlinks, a symlink swapped
/// in during requests, the staging folder under any spelling, a hard link to an outside file. Canary files with unique
/// content lie outside the volume; no response may contain them and none may change.
/// </summary>
public sealed class ConfinementTests : IAsyncLifetime
{
    private readonly Sandbox box = new();
    private readonly Dictionary<string, string> canaries = [];
    private string outside = "";
    private string v1 = "";
    private string uploadId = "";
    private ServerProcess server = null!;

    public async Task InitializeAsync()
    {
        outside = Directory.CreateDirectory(Path.Combine(box.Root, "outside")).FullName;
        v1 = box.Volume("v1");
        var v2 = box.Volume("v2");
        Canary(Path.Combine(outside, "canary.txt"));
        Canary(Path.Combine(outside, "hard.txt"));
        Canary(Path.Combine(box.Data, "canary-root.txt"));
        Canary(Path.Combine(v2, "secret.txt"));
        Directory.CreateDirectory(Path.Combine(outside, "race"));
        Canary(Path.Combine(outside, "race", "f.txt"));
        File.WriteAllText(Path.Combine(v1, "ok.txt"), "inside");
        File.CreateSymbolicLink(Path.Combine(v1, "link-dir"), outside);
        File.CreateSymbolicLink(Path.Combine(v1, "link-abs"), Path.Combine(outside, "canary.txt"));
        File.CreateSymbolicLink(Path.Combine(v1, "link-rel"), "../../outside/canary.txt");
        File.CreateSymbolicLink(Path.Combine(v1, "link-v2"), "../v2/secret.txt");
        File.CreateSymbolicLink(Path.Combine(v1, "link-root"), "../canary-root.txt");
        File.CreateSymbolicLink(Path.Combine(v1, "link-staging"), ".s3compat_uploads");
        File.CreateSymbolicLink(Path.Combine(v1, "link-proc"), "/proc/self/root/etc/passwd");
        Libc.Link(Path.Combine(outside, "hard.txt"), Path.Combine(v1, "hard.txt"));
        server = await ServerProcess.StartAsync(box.Data, Sandbox.NewCreds());

        // A staged part whose bytes are a canary too: staging must never be readable as an object.
        var client = server.Client();
        uploadId = await client.CreateUploadAsync("v1", "big.bin");
        var stageCanary = "STAGE-" + RandomNumberGenerator.GetHexString(32);
        await client.UploadPartAsync("v1", "big.bin", uploadId, 1, Encoding.ASCII.GetBytes(stageCanary));
        canaries[Path.Combine(v1, ".s3compat_uploads", uploadId, "part-00001")] = stageCanary;
    }

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        box.Dispose();
    }

    /// <summary>The hostile keys, as raw path text after "/v1/".</summary>
    public static readonly string[] HostileKeys =
    [
        "../canary-root.txt", "../v2/secret.txt", "../../outside/canary.txt", "./../canary-root.txt", "a/../../canary-root.txt",
        "./ok.txt", "ok.txt/.", "%2e%2e/canary-root.txt", "%2E%2E/v2/secret.txt", ".%2e/canary-root.txt", "%2e./canary-root.txt",
        "%2E/ok.txt", "%252e%252e/canary-root.txt", "..%2fcanary-root.txt", "..%2Fv2%2Fsecret.txt",
        "%2e%2e%2f%2e%2e%2foutside%2fcanary.txt", "..\\canary-root.txt", "..%5ccanary-root.txt", "..%5C..%5Coutside%5Ccanary.txt",
        "/etc/passwd", "%2fetc%2fpasswd", "/../canary-root.txt", "//../../outside/canary.txt",
        "ok.txt%00", "ok.txt%00.jpg", "%00/../canary-root.txt", "..%00/canary-root.txt",
        "%c0%ae%c0%ae/canary-root.txt", "%c0%ae%c0%ae%c0%afcanary-root.txt", "%e0%80%ae%e0%80%ae/canary-root.txt", "%c0%2e%c0%2e/canary-root.txt",
        "link-dir/canary.txt", "link-dir/race/f.txt", "link-abs", "link-rel", "link-v2", "link-root", "link-proc", "link-dir/../hard.txt",
        "link-staging/{id}/part-00001", "link-staging/{id}/upload",
        ".s3compat_uploads/{id}/part-00001", ".S3COMPAT_UPLOADS/{id}/part-00001", ".S3compat_Uploads/{id}/upload",
        "%2es3compat_uploads/{id}/part-00001", "%2Es3compat_uploads%2F{id}%2Fpart-00001", ".s3compat_uploads%2f{id}%2fpart-00001",
        "a/../.s3compat_uploads/{id}/part-00001", ".s3compat_uploads/", ".s3compat_uploads", ".s3compat_uploads/.tmp/",
    ];

    [Fact]
    public async Task Hostile_paths_through_every_operation_never_escape()
    {
        var client = server.Client();
        var results = new List<string>();
        var escapes = new List<string>();
        var n = 0;
        foreach (var template in HostileKeys)
        {
            var key = template.Replace("{id}", uploadId, StringComparison.Ordinal);
            var target = "/v1/" + key;
            n++;
            var attempts = new (string Method, string Target, byte[]? Body, List<KeyValuePair<string, string>>? Headers)[]
            {
                ("GET", target, null, null),
                ("HEAD", target, null, null),
                ("GET", target + "?partNumber=1", null, null),
                ("PUT", target, Encoding.ASCII.GetBytes("EVIL"), null),
                ("DELETE", target, null, null),
                ("PUT", $"/v1/copy-{n}", [], [new("x-amz-copy-source", "/v1/" + key)]),
                ("PUT", $"/v1/part-{n}?partNumber=1&uploadId={uploadId}", [], [new("x-amz-copy-source", "/v1/" + key)]),
                ("POST", target + "?uploads", [], null),
                ("GET", "/v1?list-type=2&prefix=" + key.Replace("/", "%2F", StringComparison.Ordinal), null, null),
                ("GET", "/v1?prefix=" + key.Replace("/", "%2F", StringComparison.Ordinal) + "&delimiter=%2F", null, null),
            };
            foreach (var (method, t, body, headers) in attempts)
            {
                RawResponse r;
                try
                {
                    r = await client.SendAsync(method, t, body, headers);
                }
                catch (Exception e) when (S3.IsTransport(e))
                {
                    continue; // Kestrel may refuse a target outright by closing; no bytes left the volume.
                }

                results.Add($"{method} {t} → {r.Status} {r.ErrorCode}");
                Assert.True(r.Status < 500, $"{method} {t} → {r.Status} {r.Text}");
                if (Leaks(r.Body) is { } leak)
                {
                    escapes.Add($"{method} {t} returned {leak}");
                }

                if (method == "GET" && !t.Contains('?', StringComparison.Ordinal) && r.Status == 200 && Encoding.ASCII.GetString(r.Body).Contains("EVIL", StringComparison.Ordinal) is false && r.Body.Length > 0)
                {
                    // A successful GET of a hostile name may only ever serve an in-volume object (e.g. "./ok.txt" is refused; "..\x" is a file name).
                    Assert.Equal("inside", Encoding.ASCII.GetString(r.Body));
                }
            }

            // A copy whose source was hostile must not have materialised outside bytes inside the volume either.
            var copied = Path.Combine(v1, $"copy-{n}");
            if (File.Exists(copied) && Leaks(File.ReadAllBytes(copied)) is { } copyLeak)
            {
                escapes.Add($"copy of {key} stored {copyLeak}");
            }
        }

        var parts = await client.SendAsync("GET", $"/v1/big.bin?uploadId={uploadId}");
        Assert.DoesNotContain("<PartNumber>2</PartNumber>", parts.Text, StringComparison.Ordinal);
        Assert.Empty(escapes);
        AssertCanariesIntact();
        Assert.Empty(FilesOutsideVolumesChanged());
        Assert.True(results.Count >= HostileKeys.Length * 8, string.Join('\n', results));
    }

    [Fact]
    public async Task Listings_never_show_staging_or_follow_links_outside()
    {
        var client = server.Client();
        foreach (var query in new[] { "list-type=2", "list-type=2&prefix=.s3", "list-type=2&prefix=.S3COMPAT_UPLOADS%2F", "list-type=2&prefix=link-dir%2F", "prefix=link-staging%2F", "list-type=2&start-after=.", "list-type=2&prefix=link-v2" })
        {
            var r = await client.ListAsync("v1", query);
            Assert.Equal(200, r.Status);
            Assert.DoesNotContain("s3compat", r.Text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("canary.txt", r.Text, StringComparison.Ordinal);
            Assert.DoesNotContain(uploadId + "/", r.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("<Key>link-abs</Key>", r.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("<Key>link-v2</Key>", r.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("race/f.txt", r.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Put_over_a_hard_link_never_modifies_the_outside_file()
    {
        var client = server.Client();
        var hard = Path.Combine(outside, "hard.txt");
        var before = File.ReadAllBytes(hard);
        var put = await client.PutAsync("v1", "hard.txt", Encoding.ASCII.GetBytes("NEW CONTENT"));
        Assert.Equal(200, put.Status);
        var copy = await client.SendAsync("PUT", "/v1/hard.txt", [], [new("x-amz-copy-source", "/v1/ok.txt")]);
        Assert.Equal(200, copy.Status);
        var id = await client.CreateUploadAsync("v1", "hard.txt");
        var etag = await client.UploadPartAsync("v1", "hard.txt", id, 1, Encoding.ASCII.GetBytes("MULTIPART"));
        Assert.Equal(200, (await client.CompleteAsync("v1", "hard.txt", id, [etag])).Status);
        Assert.Equal(before, File.ReadAllBytes(hard));
        Assert.Equal("MULTIPART", Encoding.ASCII.GetString(File.ReadAllBytes(Path.Combine(v1, "hard.txt"))));
        AssertCanariesIntact();
    }

    [Fact]
    public async Task A_directory_swapped_for_a_symlink_during_requests_never_serves_outside_bytes()
    {
        var client = server.Client();
        var race = Path.Combine(v1, "race");
        var parked = Path.Combine(v1, "race.parked");
        Directory.CreateDirectory(race);
        File.WriteAllText(Path.Combine(race, "f.txt"), "inside");
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(4));
        long flips = 0;
        var flipper = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                Directory.Move(race, parked);
                File.CreateSymbolicLink(race, Path.Combine(outside, "race"));
                File.Delete(race);
                Directory.Move(parked, race);
                flips++;
            }
        });

        long reads = 0, served = 0, puts = 0;
        var escapes = 0;
        var hammer = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var r = await client.SendAsync("GET", "/v1/race/f.txt");
                Interlocked.Increment(ref reads);
                if (r.Status == 200)
                {
                    Interlocked.Increment(ref served);
                }

                if (Leaks(r.Body) is not null)
                {
                    Interlocked.Increment(ref escapes);
                }

                var p = await client.PutAsync("v1", $"race/w{w}.txt", Encoding.ASCII.GetBytes("EVIL"));
                Interlocked.Increment(ref puts);
                Assert.True(p.Status < 500, p.Text);
            }
        })).ToArray();
        await Task.WhenAll(hammer);
        await flipper;
        Assert.True(flips > 10 && reads > 10, $"flips {flips}, reads {reads}");
        Assert.Equal(0, escapes);
        Assert.Equal(["f.txt"], Directory.GetFiles(Path.Combine(outside, "race")).Select(Path.GetFileName));
        AssertCanariesIntact();
    }

    private void Canary(string path)
    {
        var text = "CANARY-" + RandomNumberGenerator.GetHexString(32);
        File.WriteAllText(path, text);
        canaries[path] = text;
    }

    private string? Leaks(byte[] body)
    {
        if (body.Length == 0)
        {
            return null;
        }

        var text = Encoding.Latin1.GetString(body);
        foreach (var (path, canary) in canaries)
        {
            if (text.Contains(canary, StringComparison.Ordinal))
            {
                return path;
            }
        }

        return text.Contains("root:x:0:0", StringComparison.Ordinal) ? "/etc/passwd" : null;
    }

    private void AssertCanariesIntact()
    {
        foreach (var (path, canary) in canaries)
        {
            Assert.Equal(canary, File.ReadAllText(path));
        }
    }

    /// <summary>Files that appeared outside v1 (anywhere under the sandbox root, v2 and the data root included).</summary>
    private List<string> FilesOutsideVolumesChanged()
    {
        var expected = new HashSet<string>(StringComparer.Ordinal)
        {
            Path.Combine(outside, "canary.txt"), Path.Combine(outside, "hard.txt"), Path.Combine(outside, "race", "f.txt"),
            Path.Combine(box.Data, "canary-root.txt"), Path.Combine(box.Data, "v2", "secret.txt"),
        };
        return Directory.EnumerateFiles(box.Root, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .Where(f => !f.StartsWith(v1 + "/", StringComparison.Ordinal) && !f.StartsWith(Path.Combine(box.Data, ".s3spec"), StringComparison.Ordinal) && !expected.Contains(f))
            .ToList();
    }
}
