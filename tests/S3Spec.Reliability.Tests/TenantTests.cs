using System.Text;
using S3Spec.Reliability.Harness;

namespace S3Spec.Reliability;

/// <summary>
/// Two keys from a keys file, each limited to its own volume: a key reads, lists and writes only its volume through
/// every operation, including the ones that name a second bucket (copy source, UploadPartCopy source) or an upload id.
/// </summary>
public sealed class TenantTests : IAsyncLifetime
{
    private readonly Sandbox box = new();
    private readonly Creds alice = Sandbox.NewCreds();
    private readonly Creds bob = Sandbox.NewCreds();
    private ServerProcess server = null!;
    private string aliceUpload = "";

    public async Task InitializeAsync()
    {
        box.Volume("v1");
        box.Volume("v2");
        var keys = box.KeysFile((alice, ["v1"]), (bob, ["v2"]));
        server = await ServerProcess.StartAsync(box.Data, Sandbox.NewCreds(), keys);
        var a = server.Client(alice);
        Assert.Equal(200, (await a.PutAsync("v1", "alice.txt", Encoding.ASCII.GetBytes("ALICE-SECRET"))).Status);
        aliceUpload = await a.CreateUploadAsync("v1", "alice-mp.bin");
        await a.UploadPartAsync("v1", "alice-mp.bin", aliceUpload, 1, Encoding.ASCII.GetBytes("ALICE-PART"));
        Assert.Equal(200, (await server.Client(bob).PutAsync("v2", "bob.txt", Encoding.ASCII.GetBytes("BOB-DATA"))).Status);
    }

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        box.Dispose();
    }

    [Fact]
    public async Task A_key_limited_to_v2_cannot_touch_v1_through_any_operation()
    {
        var b = server.Client(bob);
        var bobUpload = await b.CreateUploadAsync("v2", "bob-mp.bin");
        var before = Snapshot(Path.Combine(box.Data, "v1"));
        var copyFromV1 = new List<KeyValuePair<string, string>> { new("x-amz-copy-source", "/v1/alice.txt") };
        var copyFromV2 = new List<KeyValuePair<string, string>> { new("x-amz-copy-source", "v2/bob.txt") };
        var deleteBody = Encoding.UTF8.GetBytes("<Delete><Object><Key>alice.txt</Key></Object></Delete>");
        var md5 = new List<KeyValuePair<string, string>> { new("Content-MD5", Convert.ToBase64String(System.Security.Cryptography.MD5.HashData(deleteBody))) };
        var attempts = new (string Name, string Method, string Target, byte[]? Body, List<KeyValuePair<string, string>>? Headers)[]
        {
            ("GetObject", "GET", "/v1/alice.txt", null, null),
            ("HeadObject", "HEAD", "/v1/alice.txt", null, null),
            ("GetObject range", "GET", "/v1/alice.txt", null, [new("Range", "bytes=0-3")]),
            ("PutObject", "PUT", "/v1/bob-was-here.txt", Encoding.ASCII.GetBytes("X"), null),
            ("PutObject overwrite", "PUT", "/v1/alice.txt", Encoding.ASCII.GetBytes("X"), null),
            ("PutObject dir", "PUT", "/v1/bobdir/", [], null),
            ("DeleteObject", "DELETE", "/v1/alice.txt", null, null),
            ("CopyObject v1→v2", "PUT", "/v2/stolen.txt", [], copyFromV1),
            ("CopyObject v2→v1", "PUT", "/v1/planted.txt", [], copyFromV2),
            ("CopyObject v1→v1", "PUT", "/v1/copy.txt", [], copyFromV1),
            ("ListObjectsV2", "GET", "/v1?list-type=2", null, null),
            ("ListObjects", "GET", "/v1", null, null),
            ("HeadBucket", "HEAD", "/v1", null, null),
            ("GetBucketLocation", "GET", "/v1?location", null, null),
            ("CreateMultipartUpload", "POST", "/v1/x.bin?uploads", [], null),
            ("UploadPart", "PUT", $"/v1/alice-mp.bin?partNumber=2&uploadId={aliceUpload}", Encoding.ASCII.GetBytes("BOB"), null),
            ("UploadPartCopy into v1", "PUT", $"/v1/alice-mp.bin?partNumber=3&uploadId={aliceUpload}", [], copyFromV2),
            ("UploadPartCopy from v1", "PUT", $"/v2/bob-mp.bin?partNumber=1&uploadId={bobUpload}", [], copyFromV1),
            ("ListParts", "GET", $"/v1/alice-mp.bin?uploadId={aliceUpload}", null, null),
            ("CompleteMultipartUpload", "POST", $"/v1/alice-mp.bin?uploadId={aliceUpload}", S3.CompleteBody(["\"x\""]), null),
            ("AbortMultipartUpload", "DELETE", $"/v1/alice-mp.bin?uploadId={aliceUpload}", null, null),
            ("ListMultipartUploads", "GET", "/v1?uploads", null, null),
            ("DeleteObjects", "POST", "/v1?delete", deleteBody, md5),
        };

        var allowed = new List<string>();
        foreach (var (name, method, target, body, headers) in attempts)
        {
            var r = await b.SendAsync(method, target, body, headers);
            if (r.Status != 403)
            {
                allowed.Add($"{name}: {r.Status} {r.Text}");
            }

            Assert.DoesNotContain("ALICE", r.Text, StringComparison.Ordinal);
        }

        // v1's upload id used on bob's own volume names no upload there.
        var crossId = await b.SendAsync("PUT", $"/v2/alice-mp.bin?partNumber=1&uploadId={aliceUpload}", Encoding.ASCII.GetBytes("B"));
        Assert.Equal(404, crossId.Status);
        var crossAbort = await b.SendAsync("DELETE", $"/v2/alice-mp.bin?uploadId={aliceUpload}");
        Assert.Equal(404, crossAbort.Status);

        // Presigned URLs by bob for v1 (read and write).
        var presignedGet = b.Presign("GET", "/v1/alice.txt");
        var pg = await RawHttp.SendAsync(server.Port, "GET", presignedGet, [new("Host", b.Host)], null);
        var presignedPut = b.Presign("PUT", "/v1/presigned.txt");
        var pp = await RawHttp.SendAsync(server.Port, "PUT", presignedPut, [new("Host", b.Host)], Encoding.ASCII.GetBytes("P"));
        Assert.Equal(403, pg.Status);
        Assert.Equal(403, pp.Status);

        Assert.Empty(allowed);
        Assert.Equal(before, Snapshot(Path.Combine(box.Data, "v1")));
        Assert.False(File.Exists(Path.Combine(box.Data, "v2", "stolen.txt")));
        var list = await server.Client(alice).SendAsync("GET", $"/v1/alice-mp.bin?uploadId={aliceUpload}");
        Assert.Equal(200, list.Status);
        Assert.Contains("<PartNumber>1</PartNumber>", list.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("<PartNumber>2</PartNumber>", list.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("<PartNumber>3</PartNumber>", list.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListBuckets_shows_each_key_only_its_volumes_and_each_key_works_on_its_own()
    {
        var a = await server.Client(alice).SendAsync("GET", "/");
        var b = await server.Client(bob).SendAsync("GET", "/");
        Assert.Equal(200, a.Status);
        Assert.Equal(["v1"], S3.All(a.Text, "<Name>", "</Name>"));
        Assert.Equal(["v2"], S3.All(b.Text, "<Name>", "</Name>"));

        var own = server.Client(bob);
        Assert.Equal("BOB-DATA", (await own.GetAsync("v2", "bob.txt")).Text);
        Assert.Equal(200, (await own.SendAsync("PUT", "/v2/copy.txt", [], [new("x-amz-copy-source", "/v2/bob.txt")])).Status);
        var presigned = own.Presign("GET", "/v2/bob.txt");
        Assert.Equal("BOB-DATA", (await RawHttp.SendAsync(server.Port, "GET", presigned, [new("Host", own.Host)], null)).Text);
        var uploads = await own.SendAsync("GET", "/v2?uploads");
        Assert.Equal(200, uploads.Status);
        Assert.DoesNotContain(aliceUpload, uploads.Text, StringComparison.Ordinal);
    }

    private static SortedDictionary<string, string> Snapshot(string dir)
    {
        var map = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var f in Directory.EnumerateFiles(dir, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))
        {
            if (f.Contains("/.locks/", StringComparison.Ordinal) || f.Contains("/.tmp/", StringComparison.Ordinal))
            {
                continue;
            }

            map[Path.GetRelativePath(dir, f)] = S3.Md5Hex(File.ReadAllBytes(f));
        }

        foreach (var d in Directory.EnumerateDirectories(dir, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))
        {
            if (!d.Contains("/.s3compat_uploads", StringComparison.Ordinal))
            {
                map[Path.GetRelativePath(dir, d) + "/"] = "dir";
            }
        }

        return map;
    }
}
