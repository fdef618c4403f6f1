using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace S3Spec.Reliability.Harness;

/// <summary>What a load run measured.</summary>
internal sealed class LoadReport
{
    public long Requests;
    public long ServerErrors;
    public long SlowDowns;
    public long TransportErrors;
    public int Lost;
    public int Verified;
    public long RssMinKiB = long.MaxValue;
    public long RssMaxKiB;
    public int RssSamples;
    public TimeSpan Elapsed;

    /// <summary>RSS samples in order (KiB), one per second.</summary>
    public ConcurrentQueue<long> RssTimeline { get; } = new();

    /// <summary>Highest RSS of each quarter of the run (KiB); empty with fewer than 8 samples.</summary>
    public long[] RssQuarterMax
    {
        get
        {
            var all = RssTimeline.ToArray();
            if (all.Length < 8)
            {
                return [];
            }

            var q = new long[4];
            for (var i = 0; i < all.Length; i++)
            {
                var at = Math.Min(3, i * 4 / all.Length);
                q[at] = Math.Max(q[at], all[i]);
            }

            return q;
        }
    }

    /// <summary>
    /// Memory is flat when the last quarter's peak is within 15 % of the second quarter's (the first quarter is the
    /// warm-up: heap growth to the working set, JIT, pools). A run too short to tell counts as flat.
    /// </summary>
    public bool MemoryFlat => RssQuarterMax is not { Length: 4 } q || q[3] <= q[1] * 1.15;
    public ConcurrentDictionary<string, long> PerOperation { get; } = new();
    public ConcurrentQueue<string> Errors { get; } = new();

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture,
            $"requests {Requests} in {Elapsed:mm\\:ss} ({(Requests / Math.Max(1, Elapsed.TotalSeconds)):F0}/s), 5xx {ServerErrors}, 503 SlowDown {SlowDowns}, transport errors {TransportErrors}, objects verified {Verified}, lost {Lost}, RSS {RssMinKiB / 1024} – {RssMaxKiB / 1024} MiB over {RssSamples} samples, peak per quarter {string.Join(" / ", RssQuarterMax.Select(k => k / 1024))} MiB ({(MemoryFlat ? "flat" : "GROWING")})\n  ")
            + string.Join(", ", PerOperation.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value}"))
            + (Errors.IsEmpty ? "" : "\n  first errors: " + string.Join("\n  ", Errors.Take(10)));
}

/// <summary>
/// N clients on loopback, each on its own key space, mixing every operation (Put, Get, Head, ranged Get, Copy, List,
/// Delete, DeleteObjects, multipart create/part/list/complete/abort, ListMultipartUploads, ListBuckets, presigned Get),
/// until a request budget or a time limit; every client remembers the ETag it last wrote for each key, and at the end
/// every remembered object is read back and compared. The server's RSS is sampled every second.
/// </summary>
internal sealed class LoadScenario(TestServer server, string volume)
{
    public async Task<LoadReport> RunAsync(int clients, long maxRequests, TimeSpan maxDuration, Action<string>? log = null)
    {
        var report = new LoadReport();
        var clock = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource(maxDuration);
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var rss = server.RssKiB();
                if (rss > 0)
                {
                    report.RssMinKiB = Math.Min(report.RssMinKiB, rss);
                    report.RssMaxKiB = Math.Max(report.RssMaxKiB, rss);
                    report.RssSamples++;
                    report.RssTimeline.Enqueue(rss);
                    if (log is not null && report.RssSamples % 30 == 0)
                    {
                        log($"{clock.Elapsed:mm\\:ss} requests {Interlocked.Read(ref report.Requests)}, RSS {rss / 1024} MiB, 5xx {report.ServerErrors}");
                    }
                }

                try
                {
                    await Task.Delay(1000, stop.Token);
                }
                catch (OperationCanceledException)
                {
                }
            }
        });

        var expected = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        var workers = Enumerable.Range(0, clients).Select(w => Task.Run(() => Worker(w, report, expected, maxRequests, stop.Token))).ToArray();
        await Task.WhenAll(workers);
        await stop.CancelAsync();
        await sampler;
        report.Elapsed = clock.Elapsed;

        // Re-read everything every client believes it stored.
        var c = server.Client();
        foreach (var (key, etag) in expected)
        {
            var r = await c.SendAsync("GET", S3.Target(volume, key));
            report.Verified++;
            var got = r.Status == 200 ? r.Header("ETag") : null;
            var bodyOk = r.Status == 200 && (etag.Contains('-', StringComparison.Ordinal) || etag == "\"" + S3.Md5Hex(r.Body) + "\"");
            if (got != etag || !bodyOk)
            {
                report.Lost++;
                report.Errors.Enqueue($"lost {key}: expected {etag}, got {r.Status} {got}");
            }
        }

        return report;
    }

    private async Task Worker(int w, LoadReport report, ConcurrentDictionary<string, string> expected, long maxRequests, CancellationToken stop)
    {
        var rng = new Random(w);
        var c = server.Client();
        var mine = new List<string>();
        while (!stop.IsCancellationRequested && Interlocked.Read(ref report.Requests) < maxRequests)
        {
            var key = $"c{w:D2}/k{rng.Next(24):D2}";
            var op = rng.Next(100);
            try
            {
                switch (op)
                {
                    case < 25:
                        var data = new byte[rng.Next(0, 256 * 1024)];
                        rng.NextBytes(data);
                        if (Check(report, "PutObject", await c.PutAsync(volume, key, data)) is { } put)
                        {
                            expected[key] = put.Header("ETag")!;
                            mine.Add(key);
                        }

                        break;
                    case < 45:
                        var get = await c.GetAsync(volume, key);
                        Check(report, "GetObject", get, 404);
                        if (get.Status == 200 && expected.TryGetValue(key, out var e) && !e.Contains('-', StringComparison.Ordinal) && get.Header("ETag") != "\"" + S3.Md5Hex(get.Body) + "\"")
                        {
                            report.Errors.Enqueue($"torn GET {key}");
                            report.Lost++;
                        }

                        break;
                    case < 52:
                        Check(report, "HeadObject", await c.SendAsync("HEAD", S3.Target(volume, key)), 404);
                        break;
                    case < 57:
                        Check(report, "GetObject range", await c.GetAsync(volume, key, [new("Range", "bytes=10-1000")]), 404, 416);
                        break;
                    case < 63:
                        var dst = $"c{w:D2}/copy{rng.Next(4)}";
                        if (mine.Count > 0 && mine[rng.Next(mine.Count)] is var src && src != dst)
                        {
                            if (Check(report, "CopyObject", await c.SendAsync("PUT", S3.Target(volume, dst), [], [new("x-amz-copy-source", $"/{volume}/{src}")]), 404) is { } copied
                                && expected.TryGetValue(src, out var srcEtag))
                            {
                                expected[dst] = srcEtag;
                                mine.Add(dst);
                            }
                        }

                        break;
                    case < 70:
                        Check(report, "ListObjectsV2", await c.ListAsync(volume, $"list-type=2&prefix=c{w:D2}%2F&max-keys={rng.Next(1, 50)}"));
                        break;
                    case < 73:
                        Check(report, "ListObjects", await c.ListAsync(volume, "delimiter=%2F"));
                        break;
                    case < 78:
                        if (Check(report, "DeleteObject", await c.DeleteAsync(volume, key), 204) is not null)
                        {
                            expected.TryRemove(key, out _);
                        }

                        break;
                    case < 80:
                        var body = System.Text.Encoding.UTF8.GetBytes($"<Delete><Quiet>true</Quiet><Object><Key>{key}</Key></Object></Delete>");
                        var md5 = Convert.ToBase64String(System.Security.Cryptography.MD5.HashData(body));
                        if (Check(report, "DeleteObjects", await c.SendAsync("POST", $"/{volume}?delete", body, [new("Content-MD5", md5)])) is not null)
                        {
                            expected.TryRemove(key, out _);
                        }

                        break;
                    case < 90:
                        await Multipart(c, rng, report, key, expected, mine);
                        break;
                    case < 93:
                        Check(report, "ListMultipartUploads", await c.SendAsync("GET", $"/{volume}?uploads"));
                        break;
                    case < 96:
                        Check(report, "ListBuckets", await c.SendAsync("GET", "/"));
                        break;
                    default:
                        var url = c.Presign("GET", S3.Target(volume, key));
                        Check(report, "GetObject presigned", await RawHttp.SendAsync(c.Port, "GET", url, [new("Host", c.Host)], null), 404);
                        break;
                }
            }
            catch (Exception ex) when (S3.IsTransport(ex))
            {
                Interlocked.Increment(ref report.TransportErrors);
                report.Errors.Enqueue($"transport: {ex.GetType().Name} {ex.Message}");
            }
        }
    }

    private async Task Multipart(S3 c, Random rng, LoadReport report, string key, ConcurrentDictionary<string, string> expected, List<string> mine)
    {
        var create = await c.SendAsync("POST", S3.Target(volume, key, "uploads"), []);
        if (Check(report, "CreateMultipartUpload", create) is null)
        {
            return;
        }

        var id = S3.Between(create.Text, "<UploadId>", "</UploadId>");
        var etags = new List<string>();
        for (var p = 1; p <= rng.Next(1, 4); p++)
        {
            var data = new byte[rng.Next(1, 128 * 1024)];
            rng.NextBytes(data);
            if (Check(report, "UploadPart", await c.SendAsync("PUT", S3.Target(volume, key, $"partNumber={p}&uploadId={id}"), data)) is { } part)
            {
                etags.Add(part.Header("ETag")!);
            }
        }

        Check(report, "ListParts", await c.SendAsync("GET", S3.Target(volume, key, $"uploadId={id}")));
        if (rng.Next(4) == 0)
        {
            Check(report, "AbortMultipartUpload", await c.SendAsync("DELETE", S3.Target(volume, key, $"uploadId={id}")), 204);
            return;
        }

        if (Check(report, "CompleteMultipartUpload", await c.CompleteAsync(volume, key, id, etags)) is { } done)
        {
            expected[key] = S3.Between(done.Text, "<ETag>", "</ETag>").Replace("&quot;", "\"", StringComparison.Ordinal);
            mine.Add(key);
        }
    }

    private static RawResponse? Check(LoadReport report, string op, RawResponse r, params int[] alsoFine)
    {
        Interlocked.Increment(ref report.Requests);
        report.PerOperation.AddOrUpdate(op, 1, (_, n) => n + 1);
        if (r.Status == 503 && r.ErrorCode == "SlowDown")
        {
            Interlocked.Increment(ref report.SlowDowns);
            return null;
        }

        if (r.Status >= 500)
        {
            Interlocked.Increment(ref report.ServerErrors);
            report.Errors.Enqueue($"{op}: {r.Status} {r.Text}");
            return null;
        }

        if (r.Status is 200 or 204 or 206)
        {
            return r;
        }

        if (Array.IndexOf(alsoFine, r.Status) < 0)
        {
            report.Errors.Enqueue($"{op}: {r.Status} {r.ErrorCode}");
        }

        return null;
    }
}
