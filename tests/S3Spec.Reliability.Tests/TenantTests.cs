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
    private TestServer server = null!;
    private string aliceUpload = "";

    public async Task InitializeAsync()
    {
        box.Volume("vola");
        box.Volume("volb");
        var keys = box.KeysFile((alice, ["vola"]), (bob, ["volb"]));
        server = await TestServer.StartAsync(box.Data, Sandbox.NewCreds(), keys);
        try
        {
            var a = server.Client(alice);
            Assert.Equal(200, (await a.PutAsync("vola", "alice.txt", Encoding.ASCII.GetBytes("ALICE-SECRET"))).Status);
            aliceUpload = await a.CreateUploadAsync("vola", "alice-mp.bin");
            await a.UploadPartAsync("vola", "alice-mp.bin", aliceUpload, 1, Encoding.ASCII.GetBytes("ALICE-PART"));
            Assert.Equal(200, (await server.Client(bob).PutAsync("volb", "bob.txt", Encoding.ASCII.GetBytes("BOB-DATA"))).Status);
        }
        catch
        {
            // xUnit does not call DisposeAsync when InitializeAsync fails.
            await server.DisposeAsync();
            throw;
        }
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
    public async Task A_key_limited_to_v2_cannot_touch_v1_through_any_operation()
    {
        var b = server.Client(bob);
        var bobUpload = await b.CreateUploadAsync("volb", "bob-mp.bin");
        var before = Snapshot(Path.Combine(box.Data, "vola"));
        var copyFromV1 = new List<KeyValuePair<string, string>> { new("x-amz-copy-source", "/vola/alice.txt") };
        var copyFromV2 = new List<KeyValuePair<string, string>> { new("x-amz-copy-source", "volb/bob.txt") };
        var deleteBody = Encoding.UTF8.GetBytes("<Delete><Object><Key>alice.txt</Key></Object></Delete>");
        var md5 = new List<KeyValuePair<string, string>> { new("Content-MD5", Convert.ToBase64String(System.Security.Cryptography.MD5.HashData(deleteBody))) };
        var attempts = new (string Name, string Method, string Target, byte[]? Body, List<KeyValuePair<string, string>>? Headers)[]
        {
            ("GetObject", "GET", "/vola/alice.txt", null, null),
            ("HeadObject", "HEAD", "/vola/alice.txt", null, null),
            ("GetObject range", "GET", "/vola/alice.txt", null, [new("Range", "bytes=0-3")]),
            ("PutObject", "PUT", "/vola/bob-was-here.txt", Encoding.ASCII.GetBytes("X"), null),
            ("PutObject overwrite", "PUT", "/vola/alice.txt", Encoding.ASCII.GetBytes("X"), null),
            ("PutObject dir", "PUT", "/vola/bobdir/", [], null),
            ("DeleteObject", "DELETE", "/vola/alice.txt", null, null),
            ("CopyObject vola→volb", "PUT", "/volb/stolen.txt", [], copyFromV1),
            ("CopyObject volb→vola", "PUT", "/vola/planted.txt", [], copyFromV2),
            ("CopyObject vola→vola", "PUT", "/vola/copy.txt", [], copyFromV1),
            ("ListObjectsV2", "GET", "/vola?list-type=2", null, null),
            ("ListObjects", "GET", "/vola", null, null),
            ("HeadBucket", "HEAD", "/vola", null, null),
            ("GetBucketLocation", "GET", "/vola?location", null, null),
            ("CreateMultipartUpload", "POST", "/vola/x.bin?uploads", [], null),
            ("UploadPart", "PUT", $"/vola/alice-mp.bin?partNumber=2&uploadId={aliceUpload}", Encoding.ASCII.GetBytes("BOB"), null),
            ("UploadPartCopy into vola", "PUT", $"/vola/alice-mp.bin?partNumber=3&uploadId={aliceUpload}", [], copyFromV2),
            ("UploadPartCopy from vola", "PUT", $"/volb/bob-mp.bin?partNumber=1&uploadId={bobUpload}", [], copyFromV1),
            ("ListParts", "GET", $"/vola/alice-mp.bin?uploadId={aliceUpload}", null, null),
            ("CompleteMultipartUpload", "POST", $"/vola/alice-mp.bin?uploadId={aliceUpload}", S3.CompleteBody(["\"x\""]), null),
            ("AbortMultipartUpload", "DELETE", $"/vola/alice-mp.bin?uploadId={aliceUpload}", null, null),
            ("ListMultipartUploads", "GET", "/vola?uploads", null, null),
            ("DeleteObjects", "POST", "/vola?delete", deleteBody, md5),
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

        // vola's upload id used on bob's own volume names no upload there.
        var crossId = await b.SendAsync("PUT", $"/volb/alice-mp.bin?partNumber=1&uploadId={aliceUpload}", Encoding.ASCII.GetBytes("B"));
        Assert.Equal(404, crossId.Status);
        var crossAbort = await b.SendAsync("DELETE", $"/volb/alice-mp.bin?uploadId={aliceUpload}");
        Assert.Equal(404, crossAbort.Status);

        // Presigned URLs by bob for vola (read and write).
        var presignedGet = b.Presign("GET", "/vola/alice.txt");
        var pg = await RawHttp.SendAsync(server.Port, "GET", presignedGet, [new("Host", b.Host)], null);
        var presignedPut = b.Presign("PUT", "/vola/presigned.txt");
        var pp = await RawHttp.SendAsync(server.Port, "PUT", presignedPut, [new("Host", b.Host)], Encoding.ASCII.GetBytes("P"));
        Assert.Equal(403, pg.Status);
        Assert.Equal(403, pp.Status);

        Assert.Empty(allowed);
        Assert.Equal(before, Snapshot(Path.Combine(box.Data, "vola")));
        Assert.False(File.Exists(Path.Combine(box.Data, "volb", "stolen.txt")));
        var list = await server.Client(alice).SendAsync("GET", $"/vola/alice-mp.bin?uploadId={aliceUpload}");
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
        Assert.Equal(["vola"], S3.All(a.Text, "<Name>", "</Name>"));
        Assert.Equal(["volb"], S3.All(b.Text, "<Name>", "</Name>"));

        var own = server.Client(bob);
        Assert.Equal("BOB-DATA", (await own.GetAsync("volb", "bob.txt")).Text);
        Assert.Equal(200, (await own.SendAsync("PUT", "/volb/copy.txt", [], [new("x-amz-copy-source", "/volb/bob.txt")])).Status);
        var presigned = own.Presign("GET", "/volb/bob.txt");
        Assert.Equal("BOB-DATA", (await RawHttp.SendAsync(server.Port, "GET", presigned, [new("Host", own.Host)], null)).Text);
        var uploads = await own.SendAsync("GET", "/volb?uploads");
        Assert.Equal(200, uploads.Status);
        Assert.DoesNotContain(aliceUpload, uploads.Text, StringComparison.Ordinal);
    }

    private static SortedDictionary<string, string> Snapshot(string dir)
    {
        var map = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var f in Directory.EnumerateFiles(dir, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))
        {
            if (f.Contains("/.locks/", StringComparison.Ordinal) || f.EndsWith("/keys.lock", StringComparison.Ordinal) || f.Contains("/.tmp/", StringComparison.Ordinal))
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
