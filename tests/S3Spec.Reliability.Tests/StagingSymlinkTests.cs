using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using S3Spec.Reliability.Harness;
using Xunit.Abstractions;

namespace S3Spec.Reliability;

/// <summary>
/// Symlinks planted at every level of the staging tree (an upload folder, its record, its part files and records,
/// the placed parts' data file and stride, a claimed folder, a completion record, <c>.tmp</c>, <c>keys.lock</c>) while every
/// multipart operation runs against them, then recovery and the upload sweeper at a restart: nothing outside the
/// volume is created, read or changed, and no request answers 500.
/// </summary>
public sealed class StagingSymlinkTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Symlinks_planted_in_the_staging_tree_never_lead_outside_the_volume()
    {
        using var box = new Sandbox();
        var vol = box.Volume("vola");
        var outside = Directory.CreateDirectory(Path.Combine(box.Root, "outside")).FullName;
        var canaries = new Dictionary<string, string>();
        foreach (var name in new[] { "file-a", "file-b", "file-c", "file-d", "file-e", "file-f", "file-g", "file-locks" })
        {
            var text = "CANARY-" + RandomNumberGenerator.GetHexString(32);
            File.WriteAllText(Path.Combine(outside, name), text);
            canaries[name] = text;
        }

        foreach (var dir in new[] { "dir-upload", "dir-claim", "dir-tmp" })
        {
            Directory.CreateDirectory(Path.Combine(outside, dir));
        }

        File.WriteAllText(Path.Combine(vol, "ok.txt"), "inside");
        var before = Snapshot(outside);
        var staging = Path.Combine(vol, ".s3compat_uploads");
        var settings = new Dictionary<string, string> { ["AbandonedUploadDays"] = "1" };
        await using var server = await TestServer.StartAsync(box.Data, Sandbox.NewCreds(), settings: settings);
        var client = server.Client();
        var results = new List<string>();

        async Task<RawResponse> Send(string what, string method, string target, byte[]? body = null, List<KeyValuePair<string, string>>? headers = null)
        {
            var r = await client.SendAsync(method, target, body, headers);
            results.Add($"{what}: {method} {target} → {r.Status} {r.ErrorCode}");
            Assert.True(r.Status < 500, $"{what}: {method} {target} → {r.Status} {r.Text}");
            foreach (var canary in canaries.Values)
            {
                Assert.DoesNotContain(canary, Encoding.Latin1.GetString(r.Body), StringComparison.Ordinal);
            }

            return r;
        }

        // One upload per planted level: parts 1 and 2 placed (64 bytes each), part 1 uploaded again (staged as a file).
        var plants = new (string Name, Action<string> Plant)[]
        {
            ("upload folder", id => Replace(Path.Combine(staging, id), Path.Combine(outside, "dir-upload"))),
            ("upload record", id => Replace(Path.Combine(staging, id, "upload"), Path.Combine(outside, "file-a"))),
            ("parts.data", id => Replace(Path.Combine(staging, id, "parts.data"), Path.Combine(outside, "file-b"))),
            ("parts.stride", id => Replace(Path.Combine(staging, id, "parts.stride"), Path.Combine(outside, "file-c"))),
            ("placed record", id => Replace(Path.Combine(staging, id, "part-00002.placed"), Path.Combine(outside, "file-d"))),
            ("part file", id => Replace(Path.Combine(staging, id, "part-00001"), Path.Combine(outside, "file-e"))),
            ("part record", id => Replace(Directory.GetFiles(Path.Combine(staging, id), "part-00001.*.meta").Single(), Path.Combine(outside, "file-f"))),
            ("claimed folder", id => Replace(Path.Combine(staging, id), Path.Combine(outside, "dir-claim"), Path.Combine(staging, ".completing-" + id))),
            ("completion record", id =>
            {
                File.CreateSymbolicLink(Path.Combine(staging, id + ".done"), Path.Combine(outside, "file-g"));
                Replace(Path.Combine(staging, id), Path.Combine(outside, "dir-upload"));
            }),
        };

        var sixtyFour = Encoding.ASCII.GetBytes(new string('p', 64));
        foreach (var (name, plant) in plants)
        {
            var key = "up-" + name.Replace(' ', '-');
            var id = await client.CreateUploadAsync("vola", key);
            var e1 = await client.UploadPartAsync("vola", key, id, 1, sixtyFour);
            var e2 = await client.UploadPartAsync("vola", key, id, 2, sixtyFour);
            await client.UploadPartAsync("vola", key, id, 1, sixtyFour);
            plant(id);
            var target = "/vola/" + key;
            await Send(name, "PUT", $"{target}?partNumber=3&uploadId={id}", sixtyFour);
            await Send(name, "PUT", $"{target}?partNumber=4&uploadId={id}", Encoding.ASCII.GetBytes("longer than the stride of this upload, staged as a file, longer than 64 bytes ........"));
            await Send(name, "PUT", $"{target}?partNumber=5&uploadId={id}", [], [new("x-amz-copy-source", "/vola/ok.txt")]);
            await Send(name, "GET", $"{target}?uploadId={id}");
            await Send(name, "GET", "/vola?uploads");
            await Send(name, "POST", $"{target}?uploadId={id}", S3.CompleteBody([e1, e2]));
            await Send(name, "POST", $"{target}?uploadId={id}", S3.CompleteBody([e1, e2]));
            await Send(name, "DELETE", $"{target}?uploadId={id}");
            AssertOutsideUnchanged(outside, before);
        }

        // The folders every write uses.
        Replace(Path.Combine(staging, ".tmp"), Path.Combine(outside, "dir-tmp"));
        Replace(Path.Combine(staging, "keys.lock"), Path.Combine(outside, "file-locks"));
        await Send(".tmp/keys.lock", "PUT", "/vola/new.txt", Encoding.ASCII.GetBytes("new"));
        await Send(".tmp/keys.lock", "PUT", "/vola/copy.txt", [], [new("x-amz-copy-source", "/vola/ok.txt")]);
        var fresh = await Send(".tmp/keys.lock", "POST", "/vola/fresh?uploads", []);
        var freshId = S3.Between(fresh.Text, "<UploadId>", "</UploadId>");
        var part = await Send(".tmp/keys.lock", "PUT", $"/vola/fresh?partNumber=1&uploadId={freshId}", sixtyFour);
        await Send(".tmp/keys.lock", "PUT", $"/vola/fresh?partNumber=2&uploadId={freshId}", Encoding.ASCII.GetBytes(new string('q', 100)));
        await Send(".tmp/keys.lock", "PUT", $"/vola/fresh?partNumber=3&uploadId={freshId}", [], [new("x-amz-copy-source", "/vola/ok.txt")]);
        await Send(".tmp/keys.lock", "POST", $"/vola/fresh?uploadId={freshId}", S3.CompleteBody([part.Header("ETag")!]));
        AssertOutsideUnchanged(outside, before);

        // Recovery and the sweeper at a restart, over the planted tree made old, beside a clean old upload (the control).
        var control = await client.CreateUploadAsync("vola", "control");
        Age(staging);
        await server.RestartAsync();
        var deadline = Stopwatch.StartNew();
        while (Directory.Exists(Path.Combine(staging, control)) && deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(200);
        }

        Assert.False(Directory.Exists(Path.Combine(staging, control)), "the sweeper did not run");
        client = server.Client();
        await Send("after restart", "GET", "/vola?uploads");
        await Send("after restart", "GET", "/vola?list-type=2");
        AssertOutsideUnchanged(outside, before);
        foreach (var (path, canary) in canaries)
        {
            Assert.Equal(canary, File.ReadAllText(Path.Combine(outside, path)));
        }

        output.WriteLine($"{results.Count} requests: " + string.Join(", ", results.GroupBy(r => r[(r.LastIndexOf('→') + 2)..]).Select(g => $"{g.Key} × {g.Count()}")));
    }

    /// <summary>Moves <paramref name="path"/> away (beside it, inside the volume) and puts a symlink to <paramref name="target"/> at <paramref name="at"/> (default: its place).</summary>
    private static void Replace(string path, string target, string? at = null)
    {
        var parked = path + ".parked-" + RandomNumberGenerator.GetHexString(6, lowercase: true);
        if (Directory.Exists(path))
        {
            Directory.Move(path, parked);
        }
        else
        {
            File.Move(path, parked);
        }

        File.CreateSymbolicLink(at ?? path, target);
    }

    /// <summary>Every entry below the staging folder three days old (symlinks themselves, not their targets).</summary>
    private static void Age(string staging)
    {
        using var touch = Process.Start(new ProcessStartInfo("find", [staging, "-exec", "touch", "-h", "-d", "3 days ago", "{}", "+"]) { UseShellExecute = false })!;
        touch.WaitForExit();
        Assert.Equal(0, touch.ExitCode);
    }

    private static Dictionary<string, string> Snapshot(string dir) =>
        Directory.EnumerateFileSystemEntries(dir, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .ToDictionary(p => p, p => File.Exists(p)
                ? Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(p))) + "@" + File.GetLastWriteTimeUtc(p).Ticks
                : "dir@" + Directory.GetLastWriteTimeUtc(p).Ticks);

    private static void AssertOutsideUnchanged(string outside, Dictionary<string, string> before)
    {
        var now = Snapshot(outside);
        Assert.Equal(before.Keys.Order(), now.Keys.Order());
        foreach (var (path, state) in before)
        {
            Assert.Equal(state, now[path]);
        }
    }
}
