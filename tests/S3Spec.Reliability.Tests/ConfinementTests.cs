using System.Security.Cryptography;
using System.Text;
using S3Spec.Reliability.Harness;

namespace S3Spec.Reliability;

/// <summary>
/// No request reaches a byte outside its volume: hostile raw paths (sent unnormalised), symlinks, a symlink swapped
/// in during requests, the staging folder under any spelling, a hard link to an outside file. Canary files with unique
/// content lie outside the volume; no response may contain them and none may change.
/// </summary>
public sealed class ConfinementWorld : IAsyncLifetime
{
    internal Sandbox Box { get; } = new();

    public Dictionary<string, string> Canaries { get; } = [];

    public string Outside { get; private set; } = "";

    public string Vola { get; private set; } = "";

    public string UploadId { get; private set; } = "";

    internal TestServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var box = Box;
        var outside = Outside = Directory.CreateDirectory(Path.Combine(box.Root, "outside")).FullName;
        var vola = Vola = box.Volume("vola");
        var volb = box.Volume("volb");
        Canary(Path.Combine(outside, "canary.txt"));
        Canary(Path.Combine(outside, "hard.txt"));
        Canary(Path.Combine(box.Data, "canary-root.txt"));
        Canary(Path.Combine(volb, "secret.txt"));
        Directory.CreateDirectory(Path.Combine(outside, "race"));
        Canary(Path.Combine(outside, "race", "f.txt"));
        File.WriteAllText(Path.Combine(vola, "ok.txt"), "inside");
        File.CreateSymbolicLink(Path.Combine(vola, "link-dir"), outside);
        File.CreateSymbolicLink(Path.Combine(vola, "link-abs"), Path.Combine(outside, "canary.txt"));
        File.CreateSymbolicLink(Path.Combine(vola, "link-rel"), "../../outside/canary.txt");
        File.CreateSymbolicLink(Path.Combine(vola, "link-volb"), "../volb/secret.txt");
        File.CreateSymbolicLink(Path.Combine(vola, "link-root"), "../canary-root.txt");
        File.CreateSymbolicLink(Path.Combine(vola, "link-staging"), ".s3compat_uploads");
        File.CreateSymbolicLink(Path.Combine(vola, "link-proc"), "/proc/self/root/etc/passwd");
        Libc.Link(Path.Combine(outside, "hard.txt"), Path.Combine(vola, "hard.txt"));
        Server = await TestServer.StartAsync(box.Data, Sandbox.NewCreds());
        try
        {
            // Staged parts whose bytes are canaries too: staging must never be readable as an object. The first upload
            // of part 1 is placed into the upload's data file, the second (a retry) is staged as a part file.
            var client = Server.Client();
            UploadId = await client.CreateUploadAsync("vola", "big.bin");
            var placedCanary = "PLACED-" + RandomNumberGenerator.GetHexString(32);
            await client.UploadPartAsync("vola", "big.bin", UploadId, 1, Encoding.ASCII.GetBytes(placedCanary));
            var stageCanary = "STAGE-" + RandomNumberGenerator.GetHexString(32);
            await client.UploadPartAsync("vola", "big.bin", UploadId, 1, Encoding.ASCII.GetBytes(stageCanary));
            Canaries[Path.Combine(vola, ".s3compat_uploads", UploadId, "parts.data")] = placedCanary;
            Canaries[Path.Combine(vola, ".s3compat_uploads", UploadId, "part-00001")] = stageCanary;
        }
        catch
        {
            // xUnit does not dispose a fixture whose initialisation failed.
            await Server.DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        Box.Dispose();
    }

    private void Canary(string path)
    {
        var text = "CANARY-" + RandomNumberGenerator.GetHexString(32);
        File.WriteAllText(path, text);
        Canaries[path] = text;
    }
}

public sealed class ConfinementTests(ConfinementWorld world) : IClassFixture<ConfinementWorld>
{
    private Sandbox box => world.Box;

    private Dictionary<string, string> canaries => world.Canaries;

    private string outside => world.Outside;

    private string vola => world.Vola;

    private string uploadId => world.UploadId;

    private TestServer server => world.Server;


    /// <summary>The hostile keys, as raw path text after "/vola/".</summary>
    public static readonly string[] HostileKeys =
    [
        "../canary-root.txt", "../volb/secret.txt", "../../outside/canary.txt", "./../canary-root.txt", "a/../../canary-root.txt",
        "./ok.txt", "ok.txt/.", "%2e%2e/canary-root.txt", "%2E%2E/volb/secret.txt", ".%2e/canary-root.txt", "%2e./canary-root.txt",
        "%2E/ok.txt", "%252e%252e/canary-root.txt", "..%2fcanary-root.txt", "..%2Fv2%2Fsecret.txt",
        "%2e%2e%2f%2e%2e%2foutside%2fcanary.txt", "..\\canary-root.txt", "..%5ccanary-root.txt", "..%5C..%5Coutside%5Ccanary.txt",
        "/etc/passwd", "%2fetc%2fpasswd", "/../canary-root.txt", "//../../outside/canary.txt",
        "ok.txt%00", "ok.txt%00.jpg", "%00/../canary-root.txt", "..%00/canary-root.txt",
        "%c0%ae%c0%ae/canary-root.txt", "%c0%ae%c0%ae%c0%afcanary-root.txt", "%e0%80%ae%e0%80%ae/canary-root.txt", "%c0%2e%c0%2e/canary-root.txt",
        "link-dir/canary.txt", "link-dir/race/f.txt", "link-abs", "link-rel", "link-volb", "link-root", "link-proc", "link-dir/../hard.txt",
        "link-staging/{id}/part-00001", "link-staging/{id}/upload", "link-staging/{id}/parts.data", ".s3compat_uploads/{id}/parts.data",
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
            var target = "/vola/" + key;
            n++;
            var attempts = new (string Method, string Target, byte[]? Body, List<KeyValuePair<string, string>>? Headers)[]
            {
                ("GET", target, null, null),
                ("HEAD", target, null, null),
                ("GET", target + "?partNumber=1", null, null),
                ("PUT", target, Encoding.ASCII.GetBytes("EVIL"), null),
                ("DELETE", target, null, null),
                ("PUT", $"/vola/copy-{n}", [], [new("x-amz-copy-source", "/vola/" + key)]),
                ("PUT", $"/vola/part-{n}?partNumber=1&uploadId={uploadId}", [], [new("x-amz-copy-source", "/vola/" + key)]),
                ("POST", target + "?uploads", [], null),
                ("GET", "/vola?list-type=2&prefix=" + key.Replace("/", "%2F", StringComparison.Ordinal), null, null),
                ("GET", "/vola?prefix=" + key.Replace("/", "%2F", StringComparison.Ordinal) + "&delimiter=%2F", null, null),
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
            var copied = Path.Combine(vola, $"copy-{n}");
            if (File.Exists(copied) && Leaks(File.ReadAllBytes(copied)) is { } copyLeak)
            {
                escapes.Add($"copy of {key} stored {copyLeak}");
            }
        }

        var parts = await client.SendAsync("GET", $"/vola/big.bin?uploadId={uploadId}");
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
        foreach (var query in new[] { "list-type=2", "list-type=2&prefix=.s3", "list-type=2&prefix=.S3COMPAT_UPLOADS%2F", "list-type=2&prefix=link-dir%2F", "prefix=link-staging%2F", "list-type=2&start-after=.", "list-type=2&prefix=link-volb" })
        {
            var r = await client.ListAsync("vola", query);
            Assert.Equal(200, r.Status);
            var listed = string.Join('\n', S3.All(r.Text, "<Key>", "</Key>").Concat(S3.All(r.Text, "<CommonPrefixes><Prefix>", "</Prefix>")));
            Assert.DoesNotContain("s3compat", listed, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("canary.txt", listed, StringComparison.Ordinal);
            Assert.DoesNotContain(uploadId, listed, StringComparison.Ordinal);
            Assert.DoesNotContain("link-abs", listed, StringComparison.Ordinal);
            Assert.DoesNotContain("link-volb", listed, StringComparison.Ordinal);
            Assert.DoesNotContain("link-dir/", listed, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Put_over_a_hard_link_never_modifies_the_outside_file()
    {
        var client = server.Client();
        var hard = Path.Combine(outside, "hard.txt");
        var before = File.ReadAllBytes(hard);
        var put = await client.PutAsync("vola", "hard.txt", Encoding.ASCII.GetBytes("NEW CONTENT"));
        Assert.Equal(200, put.Status);
        var copy = await client.SendAsync("PUT", "/vola/hard.txt", [], [new("x-amz-copy-source", "/vola/ok.txt")]);
        Assert.Equal(200, copy.Status);
        var id = await client.CreateUploadAsync("vola", "hard.txt");
        var etag = await client.UploadPartAsync("vola", "hard.txt", id, 1, Encoding.ASCII.GetBytes("MULTIPART"));
        Assert.Equal(200, (await client.CompleteAsync("vola", "hard.txt", id, [etag])).Status);
        Assert.Equal(before, File.ReadAllBytes(hard));
        Assert.Equal("MULTIPART", Encoding.ASCII.GetString(File.ReadAllBytes(Path.Combine(vola, "hard.txt"))));
        AssertCanariesIntact();
    }

    [Fact]
    public async Task A_directory_swapped_for_a_symlink_during_requests_never_serves_outside_bytes()
    {
        var client = server.Client();
        var race = Path.Combine(vola, "race");
        var parked = Path.Combine(vola, "race.parked");
        Directory.CreateDirectory(race);
        File.WriteAllText(Path.Combine(race, "f.txt"), "inside");
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(4));
        long flips = 0;
        var flipper = Task.Run(() =>
        {
            // PUTs below recreate "race" as a directory whenever it is briefly missing; the flipper tolerates that.
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    Directory.Move(race, parked);
                    File.CreateSymbolicLink(race, Path.Combine(outside, "race"));
                    Thread.Yield();
                    File.Delete(race);
                    Directory.Move(parked, race);
                    flips++;
                }
                catch (IOException)
                {
                    try
                    {
                        if (Directory.Exists(parked))
                        {
                            if (new FileInfo(race).LinkTarget is not null)
                            {
                                File.Delete(race);
                            }
                            else if (Directory.Exists(race))
                            {
                                Directory.Delete(race, recursive: true);
                            }

                            Directory.Move(parked, race);
                        }
                    }
                    catch (IOException)
                    {
                    }
                }
            }
        });

        long reads = 0, served = 0, puts = 0;
        var escapes = 0;
        var hammer = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var r = await client.SendAsync("GET", "/vola/race/f.txt");
                Interlocked.Increment(ref reads);
                if (r.Status == 200)
                {
                    Interlocked.Increment(ref served);
                }

                if (Leaks(r.Body) is not null)
                {
                    Interlocked.Increment(ref escapes);
                }

                var p = await client.PutAsync("vola", $"race/w{w}.txt", Encoding.ASCII.GetBytes("EVIL"));
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

    /// <summary>Files that appeared outside vola (anywhere under the sandbox root, volb and the data root included).</summary>
    private List<string> FilesOutsideVolumesChanged()
    {
        var expected = new HashSet<string>(StringComparer.Ordinal)
        {
            Path.Combine(outside, "canary.txt"), Path.Combine(outside, "hard.txt"), Path.Combine(outside, "race", "f.txt"),
            Path.Combine(box.Data, "canary-root.txt"), Path.Combine(box.Data, "volb", "secret.txt"),
        };
        return Directory.EnumerateFiles(box.Root, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .Where(f => !f.StartsWith(vola + "/", StringComparison.Ordinal) && !f.StartsWith(Path.Combine(box.Data, ".s3spec"), StringComparison.Ordinal) && !expected.Contains(f))
            .ToList();
    }
}
