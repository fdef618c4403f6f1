using Amazon.S3.Model;

namespace S3Spec.Benchmarks.Workloads;

/// <summary>
/// 4 KiB GET, HEAD and PUT driven by wrk on presigned URLs (PUT with `UNSIGNED-PAYLOAD`), against the plain Kestrel
/// endpoint (its own process), S3Spec and the peers: ops/s, latency, and the server's CPU and allocations per request.
/// HEAD goes through <see cref="HeadLoad"/> (wrk cannot drive HEAD).
/// </summary>
internal static class WrkOps
{
    public const string Bucket = "bench-wrk";
    public const string Key = "obj/0000";

    private static readonly HttpMethod[] Methods = [HttpMethod.Get, HttpMethod.Head, HttpMethod.Put];

    public static async Task RunAsync(BenchContext ctx)
    {
        if (!Wrk.Available)
        {
            ctx.Results.Notes.Add("wrk: " + Wrk.MissingNote);
            return;
        }

        var clients = ctx.Scale.SmallClients;
        var duration = ctx.Scale.SmallOpsDuration;
        var ceilingOps = new Dictionary<HttpMethod, double>();
        await using (var ceiling = await CeilingProcess.StartAsync())
        {
            foreach (var method in Methods)
            {
                var url = method == HttpMethod.Put ? ceiling.Uri("sink") : ceiling.Uri($"bytes/{LimitProbes.SmallSize}");
                var (r, cost) = await MeasureAsync(ctx, ceiling, url, method, clients, duration);
                ceilingOps[method] = r.OpsPerSecond;
                Row(ctx, ceiling.Name, method, clients, r, cost, null, "the wrk-driven ceiling: Kestrel only reads or writes the bytes");
            }
        }

        await ctx.ForEachTargetAsync("wrk", withPeers: true, async (target, client) =>
        {
            await SeedAsync(target, client, Bucket);
            var cpu = new Dictionary<HttpMethod, double?>();
            foreach (var method in Methods)
            {
                var url = Presigned.Url(client, Bucket, method == HttpMethod.Put ? "put/wrk" : Key, method);
                WrkResult r;
                Cost cost;
                try
                {
                    (r, cost) = await MeasureAsync(ctx, target, url, method, clients, duration);
                }
                catch (InvalidOperationException ex) when (target.Kind != TargetKind.S3Spec)
                {
                    ctx.Results.Notes.Add($"wrk: peer {target.Name} failed {method.Method}: {BenchContext.FirstLine(ex.Message)}");
                    continue;
                }

                cpu[method] = cost.ServerUsPerRequest;
                var note = method == HttpMethod.Put
                    ? "UNSIGNED-PAYLOAD, one key overwritten" + (target.Kind == TargetKind.S3Spec ? "; durable: fsync file + parent" : "")
                    : "one presigned URL, signature verified per request";
                Row(ctx, target.Name, method, clients, r, cost, r.OpsPerSecond / ceilingOps[method], note);
                if (target.Kind == TargetKind.S3Spec && method == HttpMethod.Get)
                {
                    ctx.Results.Goal("wrk", "4 KiB GET with wrk >= 0.5 x the wrk-driven ceiling", $"{r.OpsPerSecond:0} ops/s = {r.OpsPerSecond / ceilingOps[method]:0.00} x {ceilingOps[method]:0}", r.OpsPerSecond >= 0.5 * ceilingOps[method]);
                }
            }

            if (target.Kind == TargetKind.S3Spec)
            {
                foreach (var method in new[] { HttpMethod.Get, HttpMethod.Head })
                {
                    var us = cpu[method];
                    ctx.Results.Goal("wrk", $"4 KiB {method.Method} <= 40 µs of server CPU", us is { } v ? $"{v:0} µs/request" : "not measured", us <= 40);
                }
            }
        });
    }

    /// <summary>The 4 KiB object the GET and HEAD URLs name, written through the SDK.</summary>
    public static async Task SeedAsync(Target target, Amazon.S3.AmazonS3Client client, string bucket)
    {
        await target.CreateBucketAsync(client, bucket);
        using var body = new MemoryStream(PatternStream.Bytes(LimitProbes.SmallSize).ToArray(), writable: false);
        await client.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = Key, InputStream = body, UseChunkEncoding = !target.Relaxed });
    }

    /// <summary>wrk unmeasured for a third of the duration (at least a second), then measured with the server's cost.</summary>
    public static async Task<(WrkResult Result, Cost Cost)> MeasureAsync(BenchContext ctx, IMeasuredServer server, Uri url, HttpMethod method, int connections, TimeSpan duration, bool warm = true)
    {
        var body = method == HttpMethod.Put ? LimitProbes.SmallSize : 0;
        if (warm)
        {
            await Wrk.RunAsync(url, method, body, connections, duration / 3, ctx.Options.Scratch);
        }

        var scope = await ServerCost.StartAsync(server);
        var result = await Wrk.RunAsync(url, method, body, connections, duration, ctx.Options.Scratch);
        return (result, await scope.StopAsync(result.Requests));
    }

    private static void Row(BenchContext ctx, string target, HttpMethod method, int clients, WrkResult r, Cost cost, double? ratio, string note) =>
        ctx.Results.Add(new ResultRow("wrk", target, $"4 KiB {method.Method} x{clients} presigned, {(method == HttpMethod.Head ? "raw-socket client" : "wrk")}", r.OpsPerSecond, "ops/s", ratio, r.ClientCpu,
            Note: $"p50 {r.P50Ms:0.00} ms, p99 {r.P99Ms:0.0} ms" + (r.Timeouts > 0 ? $", {r.Timeouts} timeouts" : "") + "; " + note).WithCost(cost));
}
