using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace S3Spec.Reliability.Harness;

/// <summary>What a series of kill -9 runs found.</summary>
internal sealed class KillReport
{
    public int Runs { get; set; }

    public int Interrupted { get; set; }

    public Dictionary<string, int> OldSeen { get; } = [];

    public Dictionary<string, int> NewSeen { get; } = [];

    public List<string> Failures { get; } = [];

    public int TempLeftoversAfterRestart { get; set; }

    public int RunsWithTempLeftovers { get; set; }

    public int CompleteRetriesConflicted { get; set; }

    /// <summary>Known issue (docs/reliability.md): a replaced part killed between its data rename and its record write vanishes.</summary>
    public int PartsVanished { get; set; }

    public TimeSpan Elapsed { get; set; }

    public void Count(Dictionary<string, int> map, string op) => map[op] = map.GetValueOrDefault(op) + 1;

    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"runs {Runs}, interrupted operations {Interrupted}, lost/torn {Failures.Count}, elapsed {Elapsed:mm\\:ss}\n");
        foreach (var op in KillScenario.Operations)
        {
            sb.Append(CultureInfo.InvariantCulture, $"  {op}: old version {OldSeen.GetValueOrDefault(op)}, new version {NewSeen.GetValueOrDefault(op)}\n");
        }

        sb.Append(CultureInfo.InvariantCulture, $"  temp files left in .s3compat_uploads/.tmp after restart: {TempLeftoversAfterRestart} (in {RunsWithTempLeftovers} runs)\n");
        sb.Append(CultureInfo.InvariantCulture, $"  Complete retries answered 409 after restart (upload stuck claimed): {CompleteRetriesConflicted}\n");
        sb.Append(CultureInfo.InvariantCulture, $"  replaced parts that vanished from ListParts (neither old nor new): {PartsVanished}\n");
        foreach (var f in Failures.Take(20))
        {
            sb.Append("  FAIL ").Append(f).Append('\n');
        }

        return sb.ToString();
    }
}

/// <summary>
/// kill -9 of the server while PutObject, UploadPart, CompleteMultipartUpload and CopyObject are in flight (all four
/// at once, each at its own random point: bodies are paced, the kill comes after a random delay), then a restart on the
/// same data root and a check that every object is its old or its new version whole (MD5 of the bytes, and the ETag
/// returned with them), that listings show nothing else, and that an interrupted upload can still be completed.
/// </summary>
internal sealed class KillScenario(TestServer server, string volumeDir, int seed)
{
    public static readonly string[] Operations = ["PutObject", "UploadPart", "CompleteMultipartUpload", "CopyObject"];

    private readonly Random rng = new(seed);
    private readonly string volume = Path.GetFileName(volumeDir);
    private byte[] putCurrent = [];
    private byte[] copyCurrent = [];
    private byte[] completeCurrent = [];
    private string completeCurrentEtag = "";

    public async Task<KillReport> RunAsync(int runs, Action<string>? log = null)
    {
        var report = new KillReport();
        var clock = Stopwatch.StartNew();
        var c = server.Client();
        putCurrent = Data(64 * 1024);
        copyCurrent = Data(64 * 1024);
        completeCurrent = Data(64 * 1024);
        await Must(c.PutAsync(volume, "put-obj", putCurrent));
        await Must(c.PutAsync(volume, "copy-dst", copyCurrent));
        await Must(c.PutAsync(volume, "comp-obj", completeCurrent));
        completeCurrentEtag = Etag(completeCurrent);
        for (var run = 0; run < runs; run++)
        {
            await OneRunAsync(run, report);
            report.Runs++;
            if (log is not null && (run + 1) % 10 == 0)
            {
                log($"kill runs: {run + 1}/{runs}, failures {report.Failures.Count}");
            }
        }

        report.Elapsed = clock.Elapsed;
        return report;
    }

    private async Task OneRunAsync(int run, KillReport report)
    {
        var c = server.Client();

        // Prepare: the new versions and an upload with an old part 1, and an upload with 3 parts ready to complete.
        var putNew = Data(rng.Next(256 * 1024, 3 * 1024 * 1024));
        var copySource = Data(rng.Next(1024 * 1024, 8 * 1024 * 1024));
        await Must(c.PutAsync(volume, $"copy-src-{run}", copySource));
        var partUpload = await c.CreateUploadAsync(volume, "part-obj");
        var partOld = Data(rng.Next(64 * 1024, 512 * 1024));
        var partNew = Data(rng.Next(256 * 1024, 3 * 1024 * 1024));
        var partOldEtag = await c.UploadPartAsync(volume, "part-obj", partUpload, 1, partOld);
        var compUpload = await c.CreateUploadAsync(volume, "comp-obj");
        var compParts = new[] { Data(rng.Next(512 * 1024, 3 * 1024 * 1024)), Data(rng.Next(512 * 1024, 3 * 1024 * 1024)), Data(rng.Next(1, 512 * 1024)) };
        var compEtags = new List<string>();
        for (var i = 0; i < compParts.Length; i++)
        {
            compEtags.Add(await c.UploadPartAsync(volume, "comp-obj", compUpload, i + 1, compParts[i]));
        }

        var compNew = compParts.SelectMany(p => p).ToArray();
        var compNewEtag = MultipartEtag(compParts);

        // Fire all four and kill at a random point.
        var pace = rng.Next(0, 4);
        var ops = new[]
        {
            Paced(c, "PUT", S3.Target(volume, "put-obj"), putNew, null, pace),
            Paced(c, "PUT", S3.Target(volume, "part-obj", $"partNumber=1&uploadId={partUpload}"), partNew, null, pace),
            Paced(c, "POST", S3.Target(volume, "comp-obj", $"uploadId={compUpload}"), S3.CompleteBody(compEtags), null, 0),
            Paced(c, "PUT", S3.Target(volume, "copy-dst"), [], [new("x-amz-copy-source", $"/{volume}/copy-src-{run}")], 0),
        };
        await Task.Delay(rng.Next(0, 120));
        server.Kill();
        await Task.WhenAll(ops.Select(o => o.ContinueWith(_ => { }, TaskScheduler.Default)));
        report.Interrupted += ops.Count(o => !o.IsCompletedSuccessfully || o.Result.Status != 200);
        await server.RestartAsync();
        c = server.Client();

        var leftovers = Sandbox.TempFiles(volumeDir).Length;
        report.TempLeftoversAfterRestart += leftovers;
        report.RunsWithTempLeftovers += leftovers > 0 ? 1 : 0;

        // PutObject: old or new, whole, with its own ETag.
        putCurrent = await CheckOneOf(c, "put-obj", "PutObject", report, (putCurrent, Etag(putCurrent)), (putNew, Etag(putNew))) ?? putCurrent;

        // CopyObject: the destination is its old version or the source, whole.
        copyCurrent = await CheckOneOf(c, "copy-dst", "CopyObject", report, (copyCurrent, Etag(copyCurrent)), (copySource, Etag(copySource))) ?? copyCurrent;
        await c.DeleteAsync(volume, $"copy-src-{run}");

        // UploadPart: part 1 is the old or the new part; completing the upload gives exactly that part's bytes.
        var parts = await c.SendAsync("GET", S3.Target(volume, "part-obj", $"uploadId={partUpload}"));
        var partEtag = S3.Between(parts.Text, "<ETag>", "</ETag>").Replace("&quot;", "\"", StringComparison.Ordinal);
        byte[]? partBytes = partEtag == partOldEtag ? partOld : partEtag == Etag(partNew) ? partNew : null;
        if (parts.Status == 200 && partEtag.Length == 0)
        {
            report.PartsVanished++;
            await c.SendAsync("DELETE", S3.Target(volume, "part-obj", $"uploadId={partUpload}"));
        }
        else if (parts.Status != 200 || partBytes is null)
        {
            report.Failures.Add($"run {run} UploadPart: ListParts {parts.Status}, part ETag '{partEtag}' is neither old {partOldEtag} nor new {Etag(partNew)}");
        }
        else
        {
            report.Count(partBytes == partOld ? report.OldSeen : report.NewSeen, "UploadPart");
            var done = await c.CompleteAsync(volume, "part-obj", partUpload, [partEtag]);
            var got = await c.GetAsync(volume, "part-obj");
            if (done.Status != 200 || S3.Md5Hex(got.Body) != S3.Md5Hex(partBytes))
            {
                report.Failures.Add($"run {run} UploadPart: complete {done.Status} {done.ErrorCode}, object md5 {S3.Md5Hex(got.Body)} ≠ part md5 {S3.Md5Hex(partBytes)}");
            }
        }

        // Complete: old object or the new one; a retried Complete must succeed and give the new one.
        var before = await CheckOneOf(c, "comp-obj", "CompleteMultipartUpload", report, (completeCurrent, completeCurrentEtag), (compNew, compNewEtag));
        var retry = await c.CompleteAsync(volume, "comp-obj", compUpload, compEtags);
        if (retry.Status == 409)
        {
            report.CompleteRetriesConflicted++;
            await c.SendAsync("DELETE", S3.Target(volume, "comp-obj", $"uploadId={compUpload}"));
        }
        else if (retry.Status != 200 && !(retry.Status == 404 && before == compNew))
        {
            report.Failures.Add($"run {run} Complete retry after restart: {retry.Status} {retry.ErrorCode}");
        }

        var after = await c.GetAsync(volume, "comp-obj");
        if (retry.Status == 200 && (S3.Md5Hex(after.Body) != S3.Md5Hex(compNew) || after.Header("ETag") != compNewEtag))
        {
            report.Failures.Add($"run {run} Complete retry gave md5 {S3.Md5Hex(after.Body)} ETag {after.Header("ETag")}, expected {compNewEtag}");
        }

        completeCurrent = retry.Status == 200 ? compNew : before ?? completeCurrent;
        completeCurrentEtag = completeCurrent == compNew ? compNewEtag : completeCurrentEtag;

        // Listings: only the keys this scenario wrote, never a temp or staging name; no upload left behind.
        var list = await c.ListAsync(volume);
        foreach (var key in S3.All(list.Text, "<Key>", "</Key>"))
        {
            if (key is not ("put-obj" or "copy-dst" or "comp-obj" or "part-obj"))
            {
                report.Failures.Add($"run {run}: unexpected key in listing: {key}");
            }
        }

        var uploads = await c.SendAsync("GET", S3.Target(volume, null, "uploads"));
        foreach (var id in S3.All(uploads.Text, "<UploadId>", "</UploadId>"))
        {
            report.Failures.Add($"run {run}: upload {id} still listed after complete/abort");
            await c.SendAsync("DELETE", S3.Target(volume, S3.Between(uploads.Text, "<Key>", "</Key>"), $"uploadId={id}"));
        }
    }

    private async Task<byte[]?> CheckOneOf(S3 c, string key, string op, KillReport report, (byte[] Data, string Etag) old, (byte[] Data, string Etag) @new)
    {
        var r = await c.GetAsync(volume, key);
        var head = await c.SendAsync("HEAD", S3.Target(volume, key));
        var md5 = S3.Md5Hex(r.Body);
        var match = md5 == S3.Md5Hex(old.Data) ? old : md5 == S3.Md5Hex(@new.Data) ? @new : default;
        if (r.Status != 200 || match.Data is null)
        {
            report.Failures.Add($"{op} {key}: {r.Status} {r.ErrorCode}, {r.Body.Length} bytes md5 {md5}: neither old ({old.Data.Length}) nor new ({@new.Data.Length})");
            return null;
        }

        if (r.Header("ETag") != match.Etag || head.Header("ETag") != match.Etag)
        {
            report.Failures.Add($"{op} {key}: bytes are the {(match.Data == old.Data ? "old" : "new")} version but GET ETag {r.Header("ETag")} / HEAD ETag {head.Header("ETag")} ≠ {match.Etag}");
        }

        report.Count(match.Data == old.Data ? report.OldSeen : report.NewSeen, op);
        return match.Data;
    }

    /// <summary>Sends the request; the body goes out in 64 KiB pieces with a short pause every <paramref name="pace"/> pieces.</summary>
    private static async Task<RawResponse> Paced(S3 c, string method, string target, byte[] body, List<KeyValuePair<string, string>>? headers, int pace)
    {
        var list = c.Prepare(method, target, body, headers);
        using var client = new TcpClient { NoDelay = true };
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await client.ConnectAsync(IPAddress.Loopback, c.Port, cts.Token);
        var stream = client.GetStream();
        await stream.WriteAsync(RawHttp.Head(method, target, list, body.Length), cts.Token);
        for (var i = 0; i < body.Length; i += 64 * 1024)
        {
            await stream.WriteAsync(body.AsMemory(i, Math.Min(64 * 1024, body.Length - i)), cts.Token);
            if (pace > 0 && (i / (64 * 1024)) % pace == 0)
            {
                await Task.Delay(1, cts.Token);
            }
        }

        return await RawHttp.ReadResponseAsync(stream, method, cts.Token);
    }

    private static async Task Must(Task<RawResponse> request)
    {
        var r = await request;
        if (r.Status != 200)
        {
            throw new InvalidOperationException($"setup request failed: {r.Status} {r.Text}");
        }
    }

    private byte[] Data(int size)
    {
        var b = new byte[size];
        rng.NextBytes(b);
        return b;
    }

    public static string Etag(byte[] data) => "\"" + S3.Md5Hex(data) + "\"";

    public static string MultipartEtag(IReadOnlyList<byte[]> parts) =>
        "\"" + Convert.ToHexStringLower(MD5.HashData(parts.SelectMany(MD5.HashData).ToArray())) + "-" + parts.Count.ToString(CultureInfo.InvariantCulture) + "\"";
}
