using System.Diagnostics;
using Amazon.S3;
using Amazon.S3.Model;

namespace S3Spec.Benchmarks.Workloads;

/// <summary>ListObjectsV2 over trees made on disk; server start over a large data root.</summary>
internal static class Listing
{
    public static async Task TreeAsync(BenchContext ctx)
    {
        var scale = ctx.Scale;
        var root = Fixtures.Tree(ctx.Options.Scratch, scale.TreeDirs, scale.TreeFilesPerDir);
        var cold = await LimitProbes.DropCachesAsync();
        var walkClock = Stopwatch.StartNew();
        var walked = Fixtures.SortedWalk(Path.Combine(root, "tree"));
        var walkSeconds = walkClock.Elapsed.TotalSeconds;
        var cache = cold ? "page cache dropped before each" : "warm cache";
        ctx.Results.Add(new ResultRow("list", "harness walk", $"sorted walk of {walked:#,0} files", walkSeconds, "s", Note: cache));
        await using var server = await Target.StartS3SpecAsync(ctx.Options.Scratch, root);
        using var client = server.CreateClient();
        await server.WarmUpAsync(client);
        await LimitProbes.DropCachesAsync();
        var scope = new CpuScope(server.Pid);
        var pages = await FullListingAsync(client, "tree", null, scale.TreeFiles);
        var m = scope.Stop();
        var p99 = Load.Percentile(Sorted(pages), 0.99);
        ctx.Results.Add(new ResultRow("list", server.Name, $"full listing, {pages.Count} pages", m.Seconds, "s", m.Seconds / walkSeconds, m.ClientCpu, m.ServerCpu, Note: $"ratio = x the sorted walk; {cache}"));
        ctx.Results.Add(new ResultRow("list", server.Name, "page p99", p99, "ms", Note: $"first page {pages[0]:0.0} ms, last page {pages[^1]:0.0} ms"));
        ctx.Results.Goal("list", "full listing <= 3 x a sorted directory walk", $"{m.Seconds:0.0} s vs {walkSeconds:0.0} s = {m.Seconds / walkSeconds:0.0} x", m.Seconds <= 3 * walkSeconds);
        ctx.Results.Goal("list", "page p99 < 100 ms (first vs last page)", $"p99 {p99:0.0} ms; first {pages[0]:0.0} ms, last {pages[^1]:0.0} ms", p99 < 100);

        await LimitProbes.DropCachesAsync();
        var delimiter = Stopwatch.StartNew();
        var response = await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = "tree", Delimiter = "/", MaxKeys = 1000 });
        var delimiterMs = delimiter.Elapsed.TotalMilliseconds;
        Require((response.CommonPrefixes?.Count ?? 0) == Math.Min(1000, scale.TreeDirs), $"delimiter listing returned {response.CommonPrefixes?.Count} prefixes");
        ctx.Results.Add(new ResultRow("list", server.Name, "delimiter '/' at root, first page", delimiterMs, "ms", Note: cache));
        ctx.Results.Goal("list", "delimiter at the root: first page < 100 ms", $"{delimiterMs:0.0} ms", delimiterMs < 100);
    }

    public static async Task FlatAsync(BenchContext ctx)
    {
        var files = ctx.Scale.FlatFiles;
        var root = Fixtures.Flat(ctx.Options.Scratch, files);
        await using var server = await Target.StartS3SpecAsync(ctx.Options.Scratch, root);
        using var client = server.CreateClient();
        await server.WarmUpAsync(client);
        var times = new List<double>();
        var scope = new CpuScope(server.Pid);
        foreach (var fraction in new[] { 0.0, 0.1, 0.25, 0.5, 0.75, 0.9, 0.999 })
        {
            var position = (int)(fraction * (files - 1));
            string? startAfter = position == 0 ? null : Fixtures.FileName(position);
            for (var i = 0; i < 3; i++)
            {
                var clock = Stopwatch.StartNew();
                var page = await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = "flat", StartAfter = startAfter, MaxKeys = 1000 });
                times.Add(clock.Elapsed.TotalMilliseconds);
                Require(page.S3Objects is { Count: > 0 }, $"flat page at {position} is empty");
            }
        }

        var m = scope.Stop();
        var sorted = Sorted(times);
        var later = Sorted(times.GetRange(1, times.Count - 1));
        ctx.Results.Add(new ResultRow("listflat", server.Name, $"page p99, {files:#,0} files in one directory", Load.Percentile(sorted, 0.99), "ms", ClientCpu: m.ClientCpu, ServerCpu: m.ServerCpu, Note: $"{times.Count} pages at 7 positions (StartAfter); p50 {Load.Percentile(sorted, 0.5):0.0} ms; first page {times[0]:0.0} ms (reads and sorts the whole directory), p99 of the other pages {Load.Percentile(later, 0.99):0.0} ms; warm cache"));
        ctx.Results.Goal("listflat", "flat directory: page p99 < 100 ms at any position", $"{Load.Percentile(sorted, 0.99):0.0} ms", Load.Percentile(sorted, 0.99) < 100);

        // A restart: the persistent listing index (written in the background after the first read) must serve the
        // first page; without one the new process reads and sorts the whole directory again.
        var indexes = Path.Combine(root, ".s3spec", "listing");
        for (var waited = 0; waited < 40 && !(Directory.Exists(indexes) && Directory.EnumerateFiles(indexes).Any()); waited++)
        {
            await Task.Delay(500);
        }

        await server.DisposeAsync();
        await using var again = await Target.StartS3SpecAsync(ctx.Options.Scratch, root);
        using var client2 = again.CreateClient();
        await again.WarmUpAsync(client2);
        var restart = new List<double>();
        foreach (var fraction in new[] { 0.0, 0.5, 0.999 })
        {
            var position = (int)(fraction * (files - 1));
            var clock = Stopwatch.StartNew();
            var page = await client2.ListObjectsV2Async(new ListObjectsV2Request { BucketName = "flat", StartAfter = position == 0 ? null : Fixtures.FileName(position), MaxKeys = 1000 });
            restart.Add(clock.Elapsed.TotalMilliseconds);
            Require(page.S3Objects is { Count: > 0 }, $"flat page at {position} after restart is empty");
        }

        var indexed = Directory.Exists(indexes) && Directory.EnumerateFiles(indexes).Any();
        ctx.Results.Add(new ResultRow("listflat", again.Name, $"first page after restart, {files:#,0} files in one directory", restart[0], "ms", Note: $"then pages at 50 % {restart[1]:0.0} ms, 99.9 % {restart[2]:0.0} ms; persistent index {(indexed ? "present" : "absent")}; warm cache"));
        ctx.Results.Goal("listflat", "flat directory: first page after restart < 100 ms", $"{restart[0]:0.0} ms", restart[0] < 100);
    }

    public static async Task FirstListingAsync(BenchContext ctx)
    {
        var files = ctx.Scale.FirstListFiles;
        var dirs = Math.Max(1, files / 1000);
        var perDir = files / dirs;
        await using var server = await Target.StartS3SpecAsync(ctx.Options.Scratch);
        using var client = server.CreateClient();
        await server.WarmUpAsync(client);
        Fixtures.Write(Path.Combine(server.DataRoot!, "outside"), dirs, perDir);
        await server.CreateBucketAsync(client, "api");
        var body = PatternStream.Bytes(23).ToArray();
        var keys = new List<string>(dirs * perDir);
        for (var d = 0; d < dirs; d++)
        {
            for (var f = 0; f < perDir; f++)
            {
                keys.Add($"{Fixtures.DirName(d)}/{Fixtures.FileName(f)}");
            }
        }

        var put = Stopwatch.StartNew();
        await Parallel.ForEachAsync(keys, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (key, ct) =>
        {
            using var stream = new MemoryStream(body, writable: false);
            await client.PutObjectAsync(new PutObjectRequest { BucketName = "api", Key = key, InputStream = stream }, ct);
        });
        ctx.Results.Add(new ResultRow("firstlist", server.Name, $"PUT {keys.Count:#,0} small objects x32 (setup)", keys.Count / put.Elapsed.TotalSeconds, "ops/s"));
        var times = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var bucket in new[] { "outside", "api" })
        {
            await LimitProbes.DropCachesAsync();
            var scope = new CpuScope(server.Pid);
            await FullListingAsync(client, bucket, null, keys.Count);
            var m = scope.Stop();
            times[bucket] = m.Seconds;
            ctx.Results.Add(new ResultRow("firstlist", server.Name, $"first full listing, {(bucket == "api" ? "API-written" : "written outside the API")}", m.Seconds, "s", ClientCpu: m.ClientCpu, ServerCpu: m.ServerCpu, Note: $"{keys.Count:#,0} files"));
        }

        var ratio = times["outside"] / times["api"];
        ctx.Results.Goal("firstlist", "first listing: outside-written as fast as API-written (<= 1.25 x)", $"{times["outside"]:0.00} s vs {times["api"]:0.00} s = {ratio:0.00} x", ratio <= 1.25);
    }

    /// <summary>Lists a whole bucket page by page; checks the count and that no token repeats; returns page times in ms.</summary>
    public static async Task<List<double>> FullListingAsync(AmazonS3Client client, string bucket, string? prefix, long expected)
    {
        var tokens = new HashSet<string>(StringComparer.Ordinal);
        var pages = new List<double>();
        long count = 0;
        string? token = null;
        string? last = null;
        do
        {
            var clock = Stopwatch.StartNew();
            var page = await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, Prefix = prefix, ContinuationToken = token, MaxKeys = 1000 });
            pages.Add(clock.Elapsed.TotalMilliseconds);
            foreach (var item in page.S3Objects ?? [])
            {
                Require(last is null || string.CompareOrdinal(last, item.Key) < 0, $"keys out of order: {last} then {item.Key}");
                last = item.Key;
                count++;
            }

            token = page.IsTruncated == true ? page.NextContinuationToken : null;
            Require(token is null || tokens.Add(token), $"continuation token repeated after {count} keys");
        }
        while (token is not null);
        Require(count == expected, $"listing of {bucket} returned {count} keys, expected {expected}");
        return pages;
    }

    private static List<double> Sorted(List<double> values)
    {
        var copy = new List<double>(values);
        copy.Sort();
        return copy;
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException(message);
        }
    }
}
