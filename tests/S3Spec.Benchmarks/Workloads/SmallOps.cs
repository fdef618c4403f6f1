using Amazon.S3;
using Amazon.S3.Model;

namespace S3Spec.Benchmarks.Workloads;

/// <summary>4 KiB objects: GET, HEAD and PUT ops/s at many clients; GET latency at a few.</summary>
internal static class SmallOps
{
    private static int keys = 256;

    public static async Task RunAsync(BenchContext ctx)
    {
        var scale = ctx.Scale;
        double? s3specPut = null;
        double? s3rverPut = null;
        await ctx.ForEachTargetAsync("small", withPeers: true, async (target, client) =>
        {
            var bucket = "bench-small";
            await target.CreateBucketAsync(client, bucket);
            await SeedAsync(ctx, target, client, bucket);
            var get = await MeasureAsync(target, scale.SmallClients, scale.SmallOpsDuration, (_, n) => GetAsync(client, bucket, n));
            var head = await MeasureAsync(target, scale.SmallClients, scale.SmallOpsDuration, (_, n) => client.GetObjectMetadataAsync(bucket, Key(n)));
            var put = await MeasureAsync(target, scale.SmallClients, scale.SmallOpsDuration, (_, n) => PutAsync(target, client, bucket, $"put/{n + 1_000_000_000L}"));
            Report(ctx, target, $"4 KiB GET x{scale.SmallClients}", get, ctx.Limits.SmallGetOps);
            Report(ctx, target, $"4 KiB HEAD x{scale.SmallClients}", head, ctx.Limits.SmallHeadOps);
            Report(ctx, target, $"4 KiB PUT x{scale.SmallClients}", put, ctx.Limits.SmallPutOps, target.Kind switch
            {
                TargetKind.S3Spec => "durable: fsync file + parent",
                TargetKind.Moto => "in memory",
                _ => "files, no fsync",
            });
            if (target.Kind == TargetKind.S3Spec)
            {
                // The server without the SDK client's cost: the same GETs by presigned URLs (signed once, before the
                // measurement) through the probe's plain HttpClient. S3Spec still verifies every signature.
                var urls = PresignAll(client, bucket);
                using var http = LoopbackHttp.Create();
                var raw = await MeasureAsync(target, scale.SmallClients, scale.SmallOpsDuration, (_, n) => GetRawAsync(http, urls[(int)((n & long.MaxValue) % urls.Length)]));
                Report(ctx, target, $"4 KiB GET x{scale.SmallClients} presigned, plain HttpClient", raw, ctx.Limits.SmallGetOps, "no SDK: the server's own rate");

                ctx.Results.Notes.Add($"small: S3Spec with the SDK client reaches {get.Load.OpsPerSecond / ctx.Limits.SdkGetOps:0.00} x the SDK ceiling for GET "
                    + $"({ctx.Limits.SdkGetOps:0} ops/s) and {head.Load.OpsPerSecond / ctx.Limits.SdkHeadOps:0.00} x for HEAD ({ctx.Limits.SdkHeadOps:0} ops/s); "
                    + $"the SDK ceiling itself is {ctx.Limits.SdkGetOps / ctx.Limits.SmallGetOps:0.00} x / {ctx.Limits.SdkHeadOps / ctx.Limits.SmallHeadOps:0.00} x the loopback HTTP ceiling");
                s3specPut = put.Load.OpsPerSecond;
                ctx.Results.Goal("small", "4 KiB GET x32 >= 0.3 x loopback ceiling", Ratio(get.Load.OpsPerSecond, ctx.Limits.SmallGetOps), get.Load.OpsPerSecond >= 0.3 * ctx.Limits.SmallGetOps);
                ctx.Results.Goal("small", "4 KiB HEAD x32 >= 0.3 x loopback ceiling", Ratio(head.Load.OpsPerSecond, ctx.Limits.SmallHeadOps), head.Load.OpsPerSecond >= 0.3 * ctx.Limits.SmallHeadOps);
                ctx.Results.Goal("small", "4 KiB PUT x32 durable >= 0.15 x loopback ceiling", Ratio(put.Load.OpsPerSecond, ctx.Limits.SmallPutOps), put.Load.OpsPerSecond >= 0.15 * ctx.Limits.SmallPutOps);
            }
            else if (target.Kind == TargetKind.S3rver)
            {
                s3rverPut = put.Load.OpsPerSecond;
            }
        });
        if (s3specPut is { } mine && s3rverPut is { } theirs)
        {
            ctx.Results.Goal("small", "4 KiB PUT x32 >= 5 x s3rver", $"{mine:0} vs {theirs:0} ops/s = {mine / theirs:0.0} x", mine >= 5 * theirs);
        }
    }

    public static Task LatencyAsync(BenchContext ctx) => ctx.ForEachTargetAsync("latency", withPeers: true, async (target, client) =>
    {
        var bucket = "bench-latency";
        await target.CreateBucketAsync(client, bucket);
        await SeedAsync(ctx, target, client, bucket);
        var m = await MeasureAsync(target, ctx.Scale.LatencyClients, ctx.Scale.SmallOpsDuration, (_, n) => GetAsync(client, bucket, n));
        ctx.Results.Add(new ResultRow("latency", target.Name, $"4 KiB GET p99 x{ctx.Scale.LatencyClients}", m.Load.P99, "ms", m.Load.P99 / ctx.Limits.SmallGetP99Ms, m.Cost.Cpu.ClientCpu, Note: $"p50 {m.Load.P50:0.00} ms, {m.Load.OpsPerSecond:0} ops/s").WithCost(m.Cost));
        if (target.Kind == TargetKind.S3Spec)
        {
            ctx.Results.Goal("latency", "4 KiB GET p99 at 8 clients < 20 ms", $"{m.Load.P99:0.0} ms", m.Load.P99 < 20);
        }
    });

    private static string Ratio(double value, double limit) => $"{value:0} ops/s = {value / limit:0.00} x {limit:0}";

    private static void Report(BenchContext ctx, Target target, string metric, (LoadResult Load, Cost Cost) m, double limit, string note = "") =>
        ctx.Results.Add(new ResultRow("small", target.Name, metric, m.Load.OpsPerSecond, "ops/s", m.Load.OpsPerSecond / limit, m.Cost.Cpu.ClientCpu, Note: $"p99 {m.Load.P99:0.0} ms" + (note.Length > 0 ? "; " + note : "")).WithCost(m.Cost));

    /// <summary>
    /// The same load first runs unmeasured for a third of the duration (connections, JIT of every tier, pools), so the
    /// figures are the steady state of every target, not its first seconds.
    /// </summary>
    private static async Task<(LoadResult Load, Cost Cost)> MeasureAsync(Target target, int clients, TimeSpan duration, Func<int, long, Task> op)
    {
        await Load.RunAsync(clients, duration / 3, op);
        var scope = await ServerCost.StartAsync(target);
        var load = await Load.RunAsync(clients, duration, op);
        return (load, await scope.StopAsync(load.Operations));
    }

    private static string Key(long n) => $"obj/{(n & long.MaxValue) % keys:D4}";

    private static async Task SeedAsync(BenchContext ctx, Target target, AmazonS3Client client, string bucket)
    {
        keys = ctx.Scale.SeedKeys;
        for (var i = 0; i < keys; i++)
        {
            await PutAsync(target, client, bucket, Key(i));
        }
    }

    internal static Uri[] PresignAll(AmazonS3Client client, string bucket)
    {
        var urls = new Uri[keys];
        for (var i = 0; i < keys; i++)
        {
            urls[i] = new Uri(client.GetPreSignedURL(new GetPreSignedUrlRequest
            {
                BucketName = bucket,
                Key = Key(i),
                Verb = HttpVerb.GET,
                Protocol = Protocol.HTTP,
                Expires = DateTime.UtcNow.AddHours(1),
            }));
        }

        return urls;
    }

    private static async Task GetRawAsync(HttpClient http, Uri url)
    {
        using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync();
        await body.CopyToAsync(Stream.Null);
    }

    private static async Task GetAsync(AmazonS3Client client, string bucket, long n)
    {
        using var response = await client.GetObjectAsync(bucket, Key(n));
        await response.ResponseStream.CopyToAsync(Stream.Null);
    }

    private static async Task PutAsync(Target target, AmazonS3Client client, string bucket, string key)
    {
        using var body = new MemoryStream(PatternStream.Bytes(LimitProbes.SmallSize).ToArray(), writable: false);
        await client.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, InputStream = body, UseChunkEncoding = !target.Relaxed });
    }
}
