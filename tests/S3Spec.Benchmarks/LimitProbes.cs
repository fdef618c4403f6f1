using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace S3Spec.Benchmarks;

/// <summary>What the machine allows: the data disk through dd (fsync), and plain HTTP over loopback.</summary>
internal sealed record Limits(
    double DiskWriteMBps,
    double DiskReadMBps,
    bool ReadCold,
    double HttpUpMBps,
    double HttpDownMBps,
    double SmallGetOps,
    double SmallHeadOps,
    double SmallPutOps,
    double SmallGetP99Ms,
    double SdkGetOps,
    double SdkHeadOps,
    double? WrkGetOps)
{
    public double PutLimit => Math.Min(DiskWriteMBps, HttpUpMBps);

    public double GetLimit => Math.Min(DiskReadMBps, HttpDownMBps);
}

internal static class LimitProbes
{
    public const int SmallSize = 4096;

    public static bool CanDropCaches { get; set; } = true;

    public static async Task<Limits> RunAsync(BenchOptions options, RunResults results)
    {
        var scale = options.Scale;
        var file = Path.Combine(options.Scratch, "dd-probe.bin");
        var mib = Math.Max(1, scale.BigObject >> 20);
        var write = await Shell.RunAsync($"dd if=/dev/zero of='{file}' bs=1M count={mib} conv=fsync status=none");
        write.EnsureSuccess("dd write");
        var writeMBps = mib / write.Seconds;
        var cold = await DropCachesAsync();
        var read = await Shell.RunAsync($"dd if='{file}' of=/dev/null bs=1M status=none");
        read.EnsureSuccess("dd read");
        File.Delete(file);
        var readMBps = mib / read.Seconds;
        results.Add(new ResultRow("probes", "dd (fsync)", "disk write", writeMBps, "MiB/s", ClientCpu: write.ChildCpu, Note: $"{mib} MiB, conv=fsync"));
        results.Add(new ResultRow("probes", "dd", "disk read", readMBps, "MiB/s", ClientCpu: read.ChildCpu, Note: cold ? "page cache dropped" : "page cache NOT dropped (not permitted)"));

        await using var kestrel = await CeilingServer.StartAsync();
        using var http = LoopbackHttp.Create();
        await TransferAsync(http, kestrel, 1 << 20);
        var up = new CpuScope(null);
        using (var content = new StreamContent(new PatternStream(scale.BigObject), 256 * 1024))
        {
            content.Headers.ContentLength = scale.BigObject;
            using var response = await http.PutAsync(kestrel.Uri("sink"), content);
            response.EnsureSuccessStatusCode();
        }

        var upM = up.Stop();
        var down = new CpuScope(null);
        using (var response = await http.GetAsync(kestrel.Uri($"bytes/{scale.BigObject}"), HttpCompletionOption.ResponseHeadersRead))
        {
            await using var body = await response.Content.ReadAsStreamAsync();
            await body.CopyToAsync(Stream.Null, 256 * 1024);
        }

        var downM = down.Stop();
        var upMBps = (scale.BigObject >> 20) / upM.Seconds;
        var downMBps = (scale.BigObject >> 20) / downM.Seconds;
        const string InProcess = "Kestrel in the harness process: CPU is client + server";
        results.Add(new ResultRow("probes", "loopback HTTP", "PUT body", upMBps, "MiB/s", ClientCpu: upM.ClientCpu, Note: InProcess));
        results.Add(new ResultRow("probes", "loopback HTTP", "GET body", downMBps, "MiB/s", ClientCpu: downM.ClientCpu, Note: InProcess));

        var get = await Small(kestrel, http, HttpMethod.Get, scale.SmallClients, scale.SmallOpsDuration);
        var head = await Small(kestrel, http, HttpMethod.Head, scale.SmallClients, scale.SmallOpsDuration);
        var put = await Small(kestrel, http, HttpMethod.Put, scale.SmallClients, scale.SmallOpsDuration);
        var latency = await Small(kestrel, http, HttpMethod.Get, scale.LatencyClients, scale.SmallOpsDuration);
        results.Add(new ResultRow("probes", "loopback HTTP", $"4 KiB GET x{scale.SmallClients}", get.OpsPerSecond, "ops/s", Note: InProcess));
        results.Add(new ResultRow("probes", "loopback HTTP", $"4 KiB HEAD x{scale.SmallClients}", head.OpsPerSecond, "ops/s", Note: InProcess));
        results.Add(new ResultRow("probes", "loopback HTTP", $"4 KiB PUT x{scale.SmallClients}", put.OpsPerSecond, "ops/s", Note: InProcess));
        results.Add(new ResultRow("probes", "loopback HTTP", $"4 KiB GET p99 x{scale.LatencyClients}", latency.P99, "ms", Note: $"p50 {latency.P50:0.00} ms"));

        // The SDK's own cost: the harness's SDK client against an endpoint that answers GetObject/HeadObject with fixed
        // headers and 4 KiB without any work (no signature check, no disk), in a process of its own like a server (in
        // the harness process the client's GC pauses would stall it too). No S3 server driven by this client can be
        // faster than this on this machine.
        LoadResult sdkGet, sdkHead;
        Measured sdkGetCpu, sdkHeadCpu;
        await using (var nullS3 = await CeilingProcess.StartAsync())
        using (var sdk = Target.CreateClient(nullS3.Uri(""), "probe", "probe", relaxed: false))
        {
            (sdkGet, sdkGetCpu) = await SdkSmall(sdk, nullS3.Pid, head: false, scale.SmallClients, scale.SmallOpsDuration);
            (sdkHead, sdkHeadCpu) = await SdkSmall(sdk, nullS3.Pid, head: true, scale.SmallClients, scale.SmallOpsDuration);
        }

        const string NullS3 = "SDK client against a null S3 endpoint in its own process (fixed answer, no auth, no disk): the SDK-driven ceiling";
        results.Add(new ResultRow("probes", "SDK ceiling", $"4 KiB GET x{scale.SmallClients}", sdkGet.OpsPerSecond, "ops/s", sdkGet.OpsPerSecond / get.OpsPerSecond, sdkGetCpu.ClientCpu, sdkGetCpu.ServerCpu, Note: NullS3));
        results.Add(new ResultRow("probes", "SDK ceiling", $"4 KiB HEAD x{scale.SmallClients}", sdkHead.OpsPerSecond, "ops/s", sdkHead.OpsPerSecond / head.OpsPerSecond, sdkHeadCpu.ClientCpu, sdkHeadCpu.ServerCpu, Note: NullS3));
        double? wrkGet = null;
        if (Wrk.Available)
        {
            var (ops, cpu) = await Wrk.GetAsync(kestrel.Uri($"bytes/{SmallSize}"), scale.SmallClients, scale.SmallOpsDuration);
            wrkGet = ops;
            results.Add(new ResultRow("probes", "loopback HTTP (wrk)", $"4 KiB GET x{scale.SmallClients}", ops, "ops/s", ClientCpu: cpu, Note: "wrk -t1 (a C load generator) against the same Kestrel endpoint: the ceiling with a client that costs little"));
        }

        return new Limits(writeMBps, readMBps, cold, upMBps, downMBps, get.OpsPerSecond, head.OpsPerSecond, put.OpsPerSecond, latency.P99, sdkGet.OpsPerSecond, sdkHead.OpsPerSecond, wrkGet);
    }

    private static async Task<(LoadResult, Measured)> SdkSmall(Amazon.S3.AmazonS3Client sdk, int serverPid, bool head, int clients, TimeSpan duration)
    {
        Func<int, long, Task> op = head
            ? async (_, n) => await sdk.GetObjectMetadataAsync(CeilingServer.NullBucket, $"obj/{n & 255:D4}")
            : async (_, n) =>
            {
                using var response = await sdk.GetObjectAsync(CeilingServer.NullBucket, $"obj/{n & 255:D4}");
                await response.ResponseStream.CopyToAsync(Stream.Null);
            };
        await Load.RunAsync(clients, duration / 3, op);
        var scope = new CpuScope(serverPid);
        var load = await Load.RunAsync(clients, duration, op);
        return (load, scope.Stop());
    }

    private static async Task TransferAsync(HttpClient http, CeilingServer kestrel, long size)
    {
        using (var content = new StreamContent(new PatternStream(size)))
        {
            using var response = await http.PutAsync(kestrel.Uri("sink"), content);
            response.EnsureSuccessStatusCode();
        }

        using var get = await http.GetAsync(kestrel.Uri($"bytes/{size}"));
        get.EnsureSuccessStatusCode();
    }

    /// <summary>Drops the page cache (root only); false when the kernel refuses.</summary>
    public static async Task<bool> DropCachesAsync()
    {
        if (!CanDropCaches)
        {
            return false;
        }

        var result = await Shell.RunAsync("sync && echo 3 > /proc/sys/vm/drop_caches");
        CanDropCaches = result.ExitCode == 0;
        return CanDropCaches;
    }

    private static async Task<LoadResult> Small(CeilingServer kestrel, HttpClient http, HttpMethod method, int clients, TimeSpan duration)
    {
        var uri = method == HttpMethod.Put ? kestrel.Uri("sink") : kestrel.Uri($"bytes/{SmallSize}");
        var body = PatternStream.Bytes(SmallSize);
        return await Load.RunAsync(clients, duration, async (_, _) =>
        {
            using var request = new HttpRequestMessage(method, uri);
            if (method == HttpMethod.Put)
            {
                request.Content = new ReadOnlyMemoryContent(body);
            }

            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            await using var stream = await response.Content.ReadAsStreamAsync();
            await stream.CopyToAsync(Stream.Null);
            response.EnsureSuccessStatusCode();
        });
    }
}

/// <summary>A plain Kestrel endpoint that only reads (PUT /sink) or writes (GET /bytes/N) a body.</summary>
internal sealed class CeilingServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly int port;

    private CeilingServer(WebApplication app, int port)
    {
        this.app = app;
        this.port = port;
    }

    /// <summary>The bucket of the null S3 endpoint: GET/HEAD of any key answers 4 KiB with S3's headers.</summary>
    public const string NullBucket = "null-s3";

    public Uri Uri(string path) => new($"http://127.0.0.1:{port}/{path}");

    public static async Task<CeilingServer> StartAsync(int? fixedPort = null)
    {
        var port = fixedPort ?? LoopbackPort.Free();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, port);
            k.Limits.MaxRequestBodySize = null;
        });
        var app = builder.Build();
        app.MapPut("/sink", async (HttpContext context) =>
        {
            var buffer = new byte[256 * 1024];
            while (await context.Request.Body.ReadAsync(buffer) > 0)
            {
            }

            return Results.Ok();
        });
        app.MapMethods("/bytes/{n}", ["GET", "HEAD"], async (HttpContext context, long n) =>
        {
            context.Response.ContentLength = n;
            if (HttpMethods.IsHead(context.Request.Method))
            {
                return;
            }

            var chunk = PatternStream.Bytes((int)Math.Min(n, 1 << 20));
            for (long sent = 0; sent < n; sent += chunk.Length)
            {
                await context.Response.Body.WriteAsync(chunk[..(int)Math.Min(chunk.Length, n - sent)]);
            }
        });
        var small = PatternStream.Bytes(LimitProbes.SmallSize);
        var lastModified = DateTimeOffset.UtcNow.ToString("R", CultureInfo.InvariantCulture);
        var etag = "\"" + Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(small.Span)) + "\"";
        app.MapMethods($"/{NullBucket}/{{**key}}", ["GET", "HEAD"], async (HttpContext context) =>
        {
            var headers = context.Response.Headers;
            headers.ETag = etag;
            headers.LastModified = lastModified;
            headers.ContentType = "application/octet-stream";
            headers["x-amz-request-id"] = "0000000000000000";
            headers.AcceptRanges = "bytes";
            context.Response.ContentLength = small.Length;
            if (!HttpMethods.IsHead(context.Request.Method))
            {
                await context.Response.Body.WriteAsync(small);
            }
        });
        await app.StartAsync();
        return new CeilingServer(app, port);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    public override string ToString() => port.ToString(CultureInfo.InvariantCulture);
}
