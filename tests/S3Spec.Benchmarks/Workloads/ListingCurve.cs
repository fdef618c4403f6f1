namespace S3Spec.Benchmarks.Workloads;

/// <summary>
/// Time of a full ListObjectsV2 listing (pages of 1,000) and of its first page against the number of keys, in one
/// flat directory and nested (directories of 1,000 files), on cached fixtures made outside the API.
/// </summary>
internal static class ListingCurve
{
    public static async Task RunAsync(BenchContext ctx)
    {
        const string Note = "a fresh server per fixture (after one warm-up request of each kind), first listing, warm page cache; fixtures made outside the API and cached under the scratch directory.";
        var full = new Curve("listcurve", "listing-full", "Full listing time against keys", "keys", "full listing, s", LogX: true, LogY: true, [], Note);
        var first = new Curve("listcurve", "listing-first-page", "First page (1,000 keys) against keys", "keys", "first page, ms", LogX: true, LogY: true, [], Note);
        foreach (var keys in ctx.Options.CurveKeys ?? ctx.Scale.ListCurveKeys)
        {
            var dirs = Math.Max(1, keys / 1000);
            foreach (var nested in new[] { false, true })
            {
                var root = nested ? Fixtures.Tree(ctx.Options.Scratch, dirs, keys / dirs) : Fixtures.Flat(ctx.Options.Scratch, keys);
                var bucket = nested ? "tree" : "flat";
                var total = nested ? dirs * (keys / dirs) : keys;
                await using var server = await Target.StartS3SpecAsync(ctx.Options.Scratch, root);
                using var client = server.CreateClient();
                await server.WarmUpAsync(client);
                var scope = new CpuScope(server.Pid);
                var pages = await Listing.FullListingAsync(client, bucket, null, total);
                var m = scope.Stop();
                var series = nested ? "nested, 1,000 per dir" : "flat, one directory";
                full.Add(series, total, m.Seconds);
                first.Add(series, total, pages[0]);
                ctx.Results.Add(new ResultRow("listcurve", server.Name, $"full listing, {total:#,0} keys, {(nested ? "nested" : "flat")}", m.Seconds, "s", ClientCpu: m.ClientCpu, ServerCpu: m.ServerCpu,
                    Note: $"{pages.Count} pages; first page {pages[0]:0.0} ms; {m.Seconds * 1e6 / total:0.0} µs per key"));
            }
        }

        ctx.Results.Curves.AddRange([full, first]);
    }
}
