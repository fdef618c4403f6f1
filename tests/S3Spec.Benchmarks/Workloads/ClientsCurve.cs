namespace S3Spec.Benchmarks.Workloads;

/// <summary>
/// ops/s, p99 latency and server CPU per request of a 4 KiB presigned GET against the number of concurrent clients
/// (wrk connections, one wrk thread), for the Kestrel endpoint, S3Spec and the peers.
/// </summary>
internal static class ClientsCurve
{
    public static async Task RunAsync(BenchContext ctx)
    {
        if (!Wrk.Available)
        {
            ctx.Results.Notes.Add("clients: " + Wrk.MissingNote);
            return;
        }

        var ops = NewCurve("clients-ops", "4 KiB GET (wrk, presigned): ops/s against clients", "ops/s", logY: false);
        var p99 = NewCurve("clients-p99", "4 KiB GET (wrk, presigned): p99 latency against clients", "p99 latency, ms", logY: true);
        var cpu = NewCurve("clients-cpu", "4 KiB GET (wrk, presigned): server CPU per request against clients", "server CPU µs/request", logY: true);
        await using (var ceiling = await CeilingProcess.StartAsync())
        {
            await SweepAsync(ctx, ceiling, ceiling.Uri($"bytes/{LimitProbes.SmallSize}"), ops, p99, cpu);
        }

        await ctx.ForEachTargetAsync("clients", withPeers: true, async (target, client) =>
        {
            const string Bucket = "bench-clients";
            await WrkOps.SeedAsync(target, client, Bucket);
            await SweepAsync(ctx, target, Presigned.Url(client, Bucket, WrkOps.Key, HttpMethod.Get), ops, p99, cpu);
        });
        ctx.Results.Curves.AddRange([ops, p99, cpu]);
    }

    private static Curve NewCurve(string file, string title, string y, bool logY) =>
        new("clients", file, title, "concurrent clients (wrk connections)", y, LogX: true, LogY: logY, [],
            "wrk -t1 -cN on one presigned URL, each point measured after the previous one (the first after a warm-up); the Kestrel endpoint only writes the bytes.");

    private static async Task SweepAsync(BenchContext ctx, IMeasuredServer server, Uri url, Curve ops, Curve p99, Curve cpu)
    {
        var duration = ctx.Scale.CurveDuration;
        await Wrk.RunAsync(url, HttpMethod.Get, 0, 8, duration, ctx.Options.Scratch);
        foreach (var clients in ctx.Scale.CurveClients)
        {
            var (r, cost) = await WrkOps.MeasureAsync(ctx, server, url, HttpMethod.Get, clients, duration, warm: false);
            ops.Add(server.Name, clients, r.OpsPerSecond);
            p99.Add(server.Name, clients, r.P99Ms);
            if (cost.ServerUsPerRequest is { } us)
            {
                cpu.Add(server.Name, clients, us);
            }

            ctx.Results.Add(new ResultRow("clients", server.Name, $"4 KiB GET x{clients} presigned, wrk", r.OpsPerSecond, "ops/s", ClientCpu: r.ClientCpu,
                Note: $"p50 {r.P50Ms:0.00} ms, p99 {r.P99Ms:0.0} ms").WithCost(cost));
        }
    }
}
