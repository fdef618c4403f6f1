using System.Globalization;
using System.Text;
using S3Spec.Differential.Execution;
using S3Spec.Differential.Model;
using S3Spec.Differential.Servers;

namespace S3Spec.Differential.Protocol;

/// <summary>What one probe saw on each server, and how the comparison was judged.</summary>
internal sealed record ProbeResult(string Probe, string S3Spec, string Moto, string Verdict);

/// <summary>The probes' results; <see cref="Failures"/> are the undeclared differences.</summary>
internal sealed class ProtocolReport
{
    public List<ProbeResult> Results { get; } = [];

    public List<string> Failures { get; } = [];

    public override string ToString()
    {
        var sb = new StringBuilder("raw HTTP layer:\n");
        foreach (var r in Results)
        {
            sb.Append(CultureInfo.InvariantCulture, $"  {r.Probe,-34} {r.Verdict}\n      S3Spec: {r.S3Spec}\n      moto:   {r.Moto}\n");
        }

        sb.Append(CultureInfo.InvariantCulture, $"  undeclared: {Failures.Count}");
        return sb.ToString();
    }
}

/// <summary>
/// The raw-HTTP layer SDKs never exercise, run against both servers on raw sockets: a kept-alive connection after
/// every kind of error answer, Expect: 100-continue (accepted and refused before the body), pipelining, chunked
/// framing with extensions, obsolete header folding, header-name case, an absolute-form target. Each probe reports
/// what it saw as one line per server; equal lines pass, different ones must be declared in
/// <see cref="Divergences.Protocol"/>.
/// </summary>
internal sealed class ProtocolProbes(Harness harness)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public async Task<ProtocolReport> RunAsync(CancellationToken cancellationToken)
    {
        var report = new ProtocolReport();
        var bucket = await harness.NewBucketAsync("protocol");
        try
        {
            foreach (var target in new[] { harness.S3Spec, harness.Moto })
            {
                await PutAsync(target, bucket, "obj", "hello world", cancellationToken);
            }

            var probes = new (string Name, Func<Target, Task<string>> Run)[]
            {
                ("reuse after 404 NoSuchKey", t => ReuseAfterAsync(t, bucket, "GET", "/" + bucket + "/missing", [], [], cancellationToken)),
                ("reuse after 404 NoSuchBucket", t => ReuseAfterAsync(t, bucket, "GET", "/no-such-bucket-x/k", [], [], cancellationToken)),
                ("reuse after 400 max-keys", t => ReuseAfterAsync(t, bucket, "GET", "/" + bucket + "?max-keys=-1", [], [], cancellationToken)),
                ("reuse after 412 If-Match", t => ReuseAfterAsync(t, bucket, "GET", "/" + bucket + "/obj", [new("If-Match", "\"nope\"")], [], cancellationToken)),
                ("reuse after 416 Range", t => ReuseAfterAsync(t, bucket, "GET", "/" + bucket + "/obj", [new("Range", "bytes=100-200")], [], cancellationToken)),
                ("reuse after 304 If-None-Match", t => ReuseAfterAsync(t, bucket, "GET", "/" + bucket + "/obj", [new("If-None-Match", "*")], [], cancellationToken)),
                ("reuse after 412 refused PUT body", t => ReuseAfterAsync(t, bucket, "PUT", "/" + bucket + "/obj", [new("If-None-Match", "*")], Encoding.ASCII.GetBytes("new body"), cancellationToken)),
                ("reuse after 400 bad Content-MD5", t => ReuseAfterAsync(t, bucket, "PUT", "/" + bucket + "/md5", [new("Content-MD5", "not-base64!!")], Encoding.ASCII.GetBytes("x"), cancellationToken)),
                ("expect 100-continue accepted", t => ExpectAsync(t, bucket, "/" + bucket + "/expect", [], cancellationToken)),
                ("expect 100-continue refused", t => ExpectAsync(t, bucket, "/" + bucket + "/obj", [new("If-None-Match", "*")], cancellationToken)),
                ("pipelined GETs", t => PipelinedAsync(t, bucket, cancellationToken)),
                ("chunked body with extensions", t => ChunkedAsync(t, bucket, cancellationToken)),
                ("obsolete header folding", t => FoldedAsync(t, bucket, cancellationToken)),
                ("header names in any case", t => CaseAsync(t, bucket, cancellationToken)),
                ("absolute-form target", t => AbsoluteFormAsync(t, bucket, cancellationToken)),
            };
            foreach (var (name, run) in probes)
            {
                var a = await Safe(() => run(harness.S3Spec));
                var b = await Safe(() => run(harness.Moto));
                var declared = a == b ? null : Divergences.Protocol.FirstOrDefault(d => (d.Probe == name || d.Probe == "*") && d.Matches(a, b));
                var verdict = a == b ? "same" : declared is not null ? $"declared: {declared.Id}" : "UNDECLARED";
                report.Results.Add(new ProbeResult(name, a, b, verdict));
                if (verdict == "UNDECLARED")
                {
                    report.Failures.Add(name);
                }
            }
        }
        finally
        {
            harness.DropBucket(bucket);
        }

        return report;
    }

    private static async Task<string> Safe(Func<Task<string>> run)
    {
        try
        {
            return await run();
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or System.Net.Sockets.SocketException or FormatException)
        {
            return "transport failure: " + e.GetType().Name;
        }
    }

    private static byte[] Signed(Target target, string method, string rawTarget, List<KeyValuePair<string, string>> headers, byte[] body, string? payload = null)
    {
        TestSigner.SignHeaders(method, rawTarget, headers, payload ?? TestSigner.Sha256Hex(body), Target.Credentials, DateTimeOffset.UtcNow, target.Host, signBytes: true);
        return RawStack.Request(method, rawTarget, headers, body);
    }

    private static async Task PutAsync(Target target, string bucket, string key, string content, CancellationToken ct)
    {
        using var c = new RawConnection(target.Endpoint.Port, Timeout);
        var body = Encoding.ASCII.GetBytes(content);
        await c.SendAsync(Signed(target, "PUT", $"/{bucket}/{key}", [], body), "PUT", ct);
    }

    private static string Describe(RawAnswer a) => a.Status.ToString(CultureInfo.InvariantCulture) + (a.Closed ? " (closed)" : "");

    /// <summary>An error answer, then a GET of the object on the same connection: is it answered as itself?</summary>
    private static async Task<string> ReuseAfterAsync(Target target, string bucket, string method, string rawTarget, List<KeyValuePair<string, string>> headers, byte[] body, CancellationToken ct)
    {
        using var c = new RawConnection(target.Endpoint.Port, Timeout);
        var first = await c.SendAsync(Signed(target, method, rawTarget, [.. headers], body), method, ct);
        var closedAfter = first.Closed || await c.ServerClosedAsync(TimeSpan.FromMilliseconds(300));
        var second = await c.SendAsync(Signed(target, "GET", $"/{bucket}/obj", [], []), "GET", ct);
        var reused = c.Connects == 1 ? "same connection" : "new connection";
        return $"{first.Status}{(closedAfter ? " then closed" : "")}; next GET {second.Status} {Encoding.ASCII.GetString(second.Body)} on the {reused}";
    }

    /// <summary>Expect: 100-continue: the head alone, then the body only after 100 Continue (as botocore does), else the final answer.</summary>
    private static async Task<string> ExpectAsync(Target target, string bucket, string rawTarget, List<KeyValuePair<string, string>> headers, CancellationToken ct)
    {
        using var c = new RawConnection(target.Endpoint.Port, Timeout);
        var body = Encoding.ASCII.GetBytes("expected body");
        List<KeyValuePair<string, string>> all = [.. headers, new("Expect", "100-continue")];
        var request = Signed(target, "PUT", rawTarget, all, body);
        await c.WriteAsync(request[..^body.Length], ct);
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
        wait.CancelAfter(TimeSpan.FromSeconds(3));
        RawAnswer first;
        try
        {
            first = await c.ReadAnswerAsync("PUT", wait.Token, stopAtInterim: true);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            await c.WriteAsync(body, ct);
            var late = await c.ReadAnswerAsync("PUT", ct);
            return $"no 100 within 3 s; body sent; {Describe(late)}";
        }

        if (first.Status == 100)
        {
            await c.WriteAsync(body, ct);
            var final = await c.ReadAnswerAsync("PUT", ct);
            var next = final.Closed ? null : await c.SendAsync(Signed(target, "GET", $"/{bucket}/obj", [], []), "GET", ct);
            return $"100 Continue; {Describe(final)}; next GET {next?.Status.ToString(CultureInfo.InvariantCulture) ?? "-"}";
        }

        var closed = first.Closed || await c.ServerClosedAsync(TimeSpan.FromMilliseconds(500));
        return $"final {first.Status} before 100 Continue; connection {(closed ? "closed" : "kept open")}";
    }

    private static async Task<string> PipelinedAsync(Target target, string bucket, CancellationToken ct)
    {
        using var c = new RawConnection(target.Endpoint.Port, Timeout);
        var one = Signed(target, "GET", $"/{bucket}/obj", [], []);
        var two = Signed(target, "GET", $"/{bucket}/missing", [], []);
        var three = Signed(target, "HEAD", $"/{bucket}/obj", [], []);
        await c.WriteAsync([.. one, .. two, .. three], ct);
        var a = await c.ReadAnswerAsync("GET", ct);
        var b = a.Closed ? null : await c.ReadAnswerAsync("GET", ct);
        var d = b is null || b.Closed ? null : await c.ReadAnswerAsync("HEAD", ct);
        return $"{Describe(a)} {Encoding.ASCII.GetString(a.Body)}, {(b is null ? "-" : Describe(b))}, {(d is null ? "-" : Describe(d))}";
    }

    private static async Task<string> ChunkedAsync(Target target, string bucket, CancellationToken ct)
    {
        using var c = new RawConnection(target.Endpoint.Port, Timeout);
        List<KeyValuePair<string, string>> headers = [new("Transfer-Encoding", "chunked")];
        TestSigner.SignHeaders("PUT", $"/{bucket}/chunked", headers, TestSigner.UnsignedPayload, Target.Credentials, DateTimeOffset.UtcNow, target.Host, signBytes: true);
        var head = new StringBuilder($"PUT /{bucket}/chunked HTTP/1.1\r\n");
        foreach (var (n, v) in headers)
        {
            head.Append(n).Append(": ").Append(v).Append("\r\n");
        }

        var body = "5;name=value\r\nhello\r\n6;x\r\n world\r\n0\r\n\r\n";
        var put = await c.SendAsync(Encoding.ASCII.GetBytes(head + "\r\n" + body), "PUT", ct);
        var get = await c.SendAsync(Signed(target, "GET", $"/{bucket}/chunked", [], []), "GET", ct);
        return $"PUT {Describe(put)}; GET {get.Status} \"{Encoding.ASCII.GetString(get.Body)}\"";
    }

    private static async Task<string> FoldedAsync(Target target, string bucket, CancellationToken ct)
    {
        using var c = new RawConnection(target.Endpoint.Port, Timeout);
        var request = Encoding.ASCII.GetString(Signed(target, "PUT", $"/{bucket}/folded", [new("x-amz-meta-folded", "one")], Encoding.ASCII.GetBytes("f")));
        request = request.Replace("x-amz-meta-folded: one\r\n", "x-amz-meta-folded: one\r\n two\r\n", StringComparison.Ordinal);
        var put = await c.SendAsync(Encoding.ASCII.GetBytes(request), "PUT", ct);
        using var check = new RawConnection(target.Endpoint.Port, Timeout);
        var get = await check.SendAsync(Signed(target, "GET", $"/{bucket}/folded", [], []), "GET", ct);
        return $"PUT {(put.Status == 400 ? "400 refused" : put.Status.ToString(CultureInfo.InvariantCulture))}; object {(get.Status == 200 ? "stored" : "not stored")}";
    }

    private static async Task<string> CaseAsync(Target target, string bucket, CancellationToken ct)
    {
        using var c = new RawConnection(target.Endpoint.Port, Timeout);
        var request = Encoding.ASCII.GetString(Signed(target, "PUT", $"/{bucket}/case", [new("x-amz-meta-case", "v"), new("content-type", "text/plain")], Encoding.ASCII.GetBytes("c")));
        request = request.Replace("x-amz-meta-case:", "X-AMZ-META-CASE:", StringComparison.Ordinal).Replace("content-type:", "CONTENT-TYPE:", StringComparison.Ordinal)
            .Replace("x-amz-date:", "X-Amz-Date:", StringComparison.Ordinal).Replace("host:", "HoSt:", StringComparison.Ordinal);
        var put = await c.SendAsync(Encoding.ASCII.GetBytes(request), "PUT", ct);
        var head = await c.SendAsync(Signed(target, "HEAD", $"/{bucket}/case", [], []), "HEAD", ct);
        return $"PUT {put.Status}; HEAD {head.Status} meta={head.Header("x-amz-meta-case")} type={head.Header("content-type")}";
    }

    private static async Task<string> AbsoluteFormAsync(Target target, string bucket, CancellationToken ct)
    {
        using var c = new RawConnection(target.Endpoint.Port, Timeout);
        var request = Encoding.ASCII.GetString(Signed(target, "GET", $"/{bucket}/obj", [], []));
        request = request.Replace($"GET /{bucket}/obj HTTP/1.1", $"GET http://{target.Host}/{bucket}/obj HTTP/1.1", StringComparison.Ordinal);
        var get = await c.SendAsync(Encoding.ASCII.GetBytes(request), "GET", ct);
        return $"{get.Status} {(get.Status == 200 ? Encoding.ASCII.GetString(get.Body) : "")}".TrimEnd();
    }
}
