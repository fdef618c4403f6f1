using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using S3Spec.Reliability.Harness;
using Xunit.Abstractions;

namespace S3Spec.Reliability;

public sealed class LimitsWorld : IAsyncLifetime
{
    internal Sandbox Box { get; } = new();

    internal TestServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Box.Volume("limits");
        Server = await TestServer.StartAsync(Box.Data, Sandbox.NewCreds());
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

/// <summary>Oversized and slow input against the running server: refused with the right error, and the server keeps serving.</summary>
public sealed partial class LimitsTests(LimitsWorld world, ITestOutputHelper output) : IClassFixture<LimitsWorld>
{
    [Fact]
    public async Task Headers_over_32_KiB_are_refused_with_431()
    {
        var c = world.Server.Client();
        var r = await RawHttp.SendAsync(c.Port, "GET", "/limits/x", [new("Host", c.Host), new("x-amz-meta-big", new string('a', 40 * 1024))], null);
        Assert.Equal(431, r.Status);
        Assert.Equal(404, (await c.GetAsync("limits", "x")).Status);
    }

    [Fact]
    public async Task Xml_bodies_over_4_MiB_dtds_and_too_many_parts_are_MalformedXML_or_InvalidPart()
    {
        var c = world.Server.Client();
        var id = await c.CreateUploadAsync("limits", "mp");
        var etag = await c.UploadPartAsync("limits", "mp", id, 1, [1]);
        var target = S3.Target("limits", "mp", $"uploadId={id}");

        var big = "<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>" + etag + "</ETag></Part><!--" + new string('x', 5 * 1024 * 1024) + "--></CompleteMultipartUpload>";
        Assert.Equal("MalformedXML", (await c.SendAsync("POST", target, Encoding.UTF8.GetBytes(big))).ErrorCode);

        var many = S3.CompleteBody(Enumerable.Range(0, 10001).Select(_ => etag).ToList());
        var tooMany = await c.SendAsync("POST", target, many);
        Assert.Contains(tooMany.ErrorCode, new[] { "MalformedXML", "InvalidPart", "InvalidArgument" });

        var dtd = await File.ReadAllBytesAsync(Fuzzer.CorpusPath("xxe.xml"));
        var refused = await c.SendAsync("POST", target, dtd);
        Assert.Equal("MalformedXML", refused.ErrorCode);
        Assert.DoesNotContain("root:", refused.Text, StringComparison.Ordinal);

        var deleteDtd = Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?><!DOCTYPE Delete [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><Delete><Object><Key>&x;</Key></Object></Delete>");
        var md5 = Convert.ToBase64String(System.Security.Cryptography.MD5.HashData(deleteDtd));
        Assert.Equal("MalformedXML", (await c.SendAsync("POST", "/limits?delete", deleteDtd, [new("Content-MD5", md5)])).ErrorCode);

        // Found by the XML fuzzer: an XML declaration with invalid bytes made XmlReader throw ArgumentOutOfRangeException (500).
        var badDecl = await File.ReadAllBytesAsync(Fuzzer.CorpusPath("xml-decl-bad-encoding.xml"));
        Assert.Equal("MalformedXML", (await c.SendAsync("POST", target, badDecl)).ErrorCode);
        var badMd5 = Convert.ToBase64String(System.Security.Cryptography.MD5.HashData(badDecl));
        Assert.Equal("MalformedXML", (await c.SendAsync("POST", "/limits?delete", badDecl, [new("Content-MD5", badMd5)])).ErrorCode);

        // The upload survives every refusal and completes normally.
        Assert.Equal(200, (await c.CompleteAsync("limits", "mp", id, [etag])).Status);
    }

    [Fact]
    public async Task Part_numbers_over_10000_are_refused_and_stage_nothing()
    {
        var c = world.Server.Client();
        var id = await c.CreateUploadAsync("limits", "parts");
        var refused = await c.SendAsync("PUT", S3.Target("limits", "parts", $"partNumber=10001&uploadId={id}"), [1, 2, 3]);
        Assert.Equal("InvalidArgument", refused.ErrorCode);
        Assert.Equal(200, (await c.SendAsync("PUT", S3.Target("limits", "parts", $"partNumber=10000&uploadId={id}"), [4, 5])).Status);

        var parts = await c.SendAsync("GET", S3.Target("limits", "parts", $"uploadId={id}"));
        Assert.Equal(200, parts.Status);
        Assert.Equal(["10000"], S3.All(parts.Text, "<PartNumber>", "</PartNumber>").ToArray());
        Assert.False(File.Exists(Path.Combine(world.Box.Data, "limits", ".s3compat_uploads", id, "part-10001")));
    }

    [Fact]
    public async Task Requests_failing_authentication_beyond_the_budget_are_answered_503_SlowDown()
    {
        using var box = new Sandbox();
        box.Volume("budget");
        var creds = Sandbox.NewCreds();
        await using var server = await ServerProcess.StartAsync(new ServerOptions(box.Data, creds.AccessKey, creds.Secret, creds.Region)
        {
            Settings = new Dictionary<string, string>(StringComparer.Ordinal) { ["UnauthenticatedBurst"] = "5", ["UnauthenticatedPerSecond"] = "0.01" },
        });
        var answers = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            var r = await RawHttp.SendAsync(server.Port, "GET", "/budget/x", [new("Host", $"127.0.0.1:{server.Port}")], null);
            answers.Add($"{r.Status} {r.ErrorCode}");
        }

        // The first five spend the budget (anonymous: 403); the rest are refused before any signature work.
        Assert.Equal(Enumerable.Repeat("403 AccessDenied", 5).Concat(Enumerable.Repeat("503 SlowDown", 3)), answers);
    }

    [Fact]
    public async Task A_client_trickling_one_byte_every_two_seconds_is_dropped_and_others_are_served()
    {
        var c = world.Server.Client();
        var body = new byte[1024 * 1024];
        var headers = c.Prepare("PUT", "/limits/slow", body, null, payloadHash: TestSigner.UnsignedPayload);
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, c.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(RawHttp.Head("PUT", "/limits/slow", headers, body.Length));
        var clock = Stopwatch.StartNew();
        var dropped = false;
        var servedMeanwhile = 0;
        while (clock.Elapsed < TimeSpan.FromSeconds(40))
        {
            try
            {
                await stream.WriteAsync(new byte[] { 1 });
                await stream.FlushAsync();
                if (client.Client.Poll(0, SelectMode.SelectRead))
                {
                    dropped = true; // the server answered (408/400) or closed
                    break;
                }
            }
            catch (IOException)
            {
                dropped = true;
                break;
            }

            if ((await c.SendAsync("HEAD", "/limits")).Status == 200)
            {
                servedMeanwhile++;
            }

            await Task.Delay(2000);
        }

        Assert.True(dropped, "the trickling client was still connected after 40 s");
        Assert.True(servedMeanwhile > 0);
        Assert.Equal(404, (await c.GetAsync("limits", "slow")).Status);
        Assert.Empty(Sandbox.TempFiles(Path.Combine(world.Box.Data, "limits")));
    }
}
