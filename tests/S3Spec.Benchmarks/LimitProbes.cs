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
    double SdkHeadOps)
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
        var file = Path.Combine(options.Scratch, $"dd-probe-{Environment.ProcessId}.bin");
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

        // The small-request ceiling, the SDK ceiling and the wrk rows are served by a process of its own (the
        // CeilingProcess), so that its CPU and allocations per request are its own and the client's GC never stalls it.
        await using var ceiling = await CeilingProcess.StartAsync();
        var get = await Small(ceiling, http, HttpMethod.Get, scale.SmallClients, scale.SmallOpsDuration);
        var head = await Small(ceiling, http, HttpMethod.Head, scale.SmallClients, scale.SmallOpsDuration);
        var put = await Small(ceiling, http, HttpMethod.Put, scale.SmallClients, scale.SmallOpsDuration);
        var latency = await Small(ceiling, http, HttpMethod.Get, scale.LatencyClients, scale.SmallOpsDuration);
        const string OwnProcess = "plain Kestrel endpoint in a process of its own, driven by the SDK's HttpClient set-up";
        results.Add(new ResultRow("probes", "loopback HTTP", $"4 KiB GET x{scale.SmallClients}", get.Load.OpsPerSecond, "ops/s", ClientCpu: get.Cost.Cpu.ClientCpu, Note: OwnProcess).WithCost(get.Cost));
        results.Add(new ResultRow("probes", "loopback HTTP", $"4 KiB HEAD x{scale.SmallClients}", head.Load.OpsPerSecond, "ops/s", ClientCpu: head.Cost.Cpu.ClientCpu, Note: OwnProcess).WithCost(head.Cost));
        results.Add(new ResultRow("probes", "loopback HTTP", $"4 KiB PUT x{scale.SmallClients}", put.Load.OpsPerSecond, "ops/s", ClientCpu: put.Cost.Cpu.ClientCpu, Note: OwnProcess).WithCost(put.Cost));
        results.Add(new ResultRow("probes", "loopback HTTP", $"4 KiB GET p99 x{scale.LatencyClients}", latency.Load.P99, "ms", Note: $"p50 {latency.Load.P50:0.00} ms; {OwnProcess}"));

        // The SDK's own cost: the harness's SDK client against an endpoint that answers GetObject/HeadObject with fixed
        // headers and 4 KiB without any work (no signature check, no disk). No S3 server driven by this client can be
        // faster than this on this machine.
        LoadResult sdkGet, sdkHead;
        Cost sdkGetCpu, sdkHeadCpu;
        using (var sdk = Target.CreateClient(ceiling.Uri(""), "probe", "probe", relaxed: false))
        {
            (sdkGet, sdkGetCpu) = await SdkSmall(sdk, ceiling, head: false, scale.SmallClients, scale.SmallOpsDuration);
            (sdkHead, sdkHeadCpu) = await SdkSmall(sdk, ceiling, head: true, scale.SmallClients, scale.SmallOpsDuration);
        }

        const string NullS3 = "SDK client against a null S3 endpoint in its own process (fixed answer, no auth, no disk): the SDK-driven ceiling";
        results.Add(new ResultRow("probes", "SDK ceiling", $"4 KiB GET x{scale.SmallClients}", sdkGet.OpsPerSecond, "ops/s", sdkGet.OpsPerSecond / get.Load.OpsPerSecond, sdkGetCpu.Cpu.ClientCpu, Note: NullS3).WithCost(sdkGetCpu));
        results.Add(new ResultRow("probes", "SDK ceiling", $"4 KiB HEAD x{scale.SmallClients}", sdkHead.OpsPerSecond, "ops/s", sdkHead.OpsPerSecond / head.Load.OpsPerSecond, sdkHeadCpu.Cpu.ClientCpu, Note: NullS3).WithCost(sdkHeadCpu));
        return new Limits(writeMBps, readMBps, cold, upMBps, downMBps, get.Load.OpsPerSecond, head.Load.OpsPerSecond, put.Load.OpsPerSecond, latency.Load.P99, sdkGet.OpsPerSecond, sdkHead.OpsPerSecond);
    }

    private static async Task<(LoadResult, Cost)> SdkSmall(Amazon.S3.AmazonS3Client sdk, IMeasuredServer server, bool head, int clients, TimeSpan duration)
    {
        Func<int, long, Task> op = head
            ? async (_, n) => await sdk.GetObjectMetadataAsync(CeilingServer.NullBucket, $"obj/{n & 255:D4}")
            : async (_, n) =>
            {
                using var response = await sdk.GetObjectAsync(CeilingServer.NullBucket, $"obj/{n & 255:D4}");
                await response.ResponseStream.CopyToAsync(Stream.Null);
            };
        await Load.RunAsync(clients, duration / 3, op);
        var scope = await ServerCost.StartAsync(server);
        var load = await Load.RunAsync(clients, duration, op);
        return (load, await scope.StopAsync(load.Operations));
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

    private static async Task<(LoadResult Load, Cost Cost)> Small(CeilingProcess ceiling, HttpClient http, HttpMethod method, int clients, TimeSpan duration)
    {
        var uri = method == HttpMethod.Put ? ceiling.Uri("sink") : ceiling.Uri($"bytes/{SmallSize}");
        var body = PatternStream.Bytes(SmallSize);
        Func<int, long, Task> op = async (_, _) =>
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
        };
        await Load.RunAsync(clients, duration / 3, op);
        var scope = await ServerCost.StartAsync(ceiling);
        var load = await Load.RunAsync(clients, duration, op);
        return (load, await scope.StopAsync(load.Operations));
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
            var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(256 * 1024);
            try
            {
                while (await context.Request.Body.ReadAsync(buffer) > 0)
                {
                }
            }
            finally
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
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
        app.MapGet("/alloc", static () => GC.GetTotalAllocatedBytes().ToString(CultureInfo.InvariantCulture));
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
