using System.Diagnostics;
using Amazon.S3.Model;

namespace S3Spec.Benchmarks.Workloads;

/// <summary>
/// CompleteMultipartUpload of a large object, against the kernel's own copy of the same bytes on the same filesystem
/// (`cp --reflink=auto` + `sync -f`): a copying filesystem (ext4) moves every byte once in the kernel, a cloning one
/// (XFS with reflink, btrfs) shares extents, so the time follows the number of parts. With `--clone-scratch DIR` the
/// workload runs a second time with a data root on DIR (e.g. a loop-mounted XFS with reflink=1).
/// </summary>
internal static class Complete
{
    public static async Task RunAsync(BenchContext ctx)
    {
        await ctx.ForEachTargetAsync("complete", withPeers: false, (target, client) => RunOnAsync(ctx, target, client));
        if (ctx.Options.CloneScratch is { } clone)
        {
            await using var server = await Target.StartS3SpecAsync(clone);
            using var client = server.CreateClient();
            await server.WarmUpAsync(client);
            await RunOnAsync(ctx, server, client);
        }
    }

    private static async Task RunOnAsync(BenchContext ctx, Target target, Amazon.S3.AmazonS3Client client)
    {
        var fs = (await Shell.RunAsync($"stat -f -c %T {Quote(target.DataRoot!)}")).Output.Trim();
        var total = ctx.Scale.CompleteTotal;
        var free = new DriveInfo(target.DataRoot!).AvailableFreeSpace;
        var scaled = "";
        // Parts, an assembled copy and the probe's copy coexist on a copying filesystem: keep 3 x total + 4 GiB free.
        while (3 * total + (4L << 30) > free && total > (256L << 20))
        {
            total /= 2;
            scaled = $"scaled down to {BenchContext.MiB(total):0} MiB: {BenchContext.MiB(free):0} MiB free on {fs}";
        }

        if (scaled.Length > 0)
        {
            ctx.Results.Notes.Add("complete: " + scaled);
        }

        var bucket = "bench-complete";
        await target.CreateBucketAsync(client, bucket);
        var results = new List<(int Parts, double Ms)>();
        double? copyMs = null;
        double? unequalMs = null;

        // Parts of one size (as the SDKs and the CLI cut them) are placed and adopted; the last run has a first part
        // 1 MiB shorter than the others, which sends the parts to the copy (docs/storage.md "Placed parts").
        foreach (var (parts, unequal) in ctx.Scale.CompleteParts.Select(p => (p, false)).Append((ctx.Scale.CompleteParts[0], true)))
        {
            // Whole MiB, as clients cut parts: a clone needs block-aligned offsets (an unaligned part is copied).
            var partSize = Math.Max(2L << 20, total / parts / (1L << 20) * (1L << 20));
            var firstPart = unequal ? partSize - (1L << 20) : 0;
            var key = $"complete-{parts}{(unequal ? "-unequal" : "")}.bin";
            var upload = await client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = bucket, Key = key });
            var size = (partSize * parts) - (unequal ? 1L << 20 : 0);
            var etags = await Throughput.UploadPartsAsync(target, client, bucket, key, upload.UploadId, size, partSize, parallel: 4, firstPart);
            await Shell.RunAsync($"sync -f {Quote(target.DataRoot!)}");
            await ColdAsync();
            var scope = new CpuScope(target.Pid);
            var clock = Stopwatch.StartNew();
            await client.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest { BucketName = bucket, Key = key, UploadId = upload.UploadId, PartETags = etags });
            var ms = clock.Elapsed.TotalMilliseconds;
            var m = scope.Stop();
            var mib = BenchContext.MiB(size);
            copyMs ??= await KernelCopyAsync(ctx, Path.Combine(target.DataRoot!, bucket, key), fs, mib);
            await client.DeleteObjectAsync(bucket, key);
            var what = unequal ? $"Complete {mib:0} MiB in {parts} parts, the first 1 MiB shorter (copied), on {fs}" : $"Complete {mib:0} MiB in {parts} parts of one size on {fs}";
            ctx.Results.Add(new ResultRow("complete", target.Name, what, ms, "ms", Ratio: ms / copyMs,
                ClientCpu: m.ClientCpu, ServerCpu: m.ServerCpu, Note: $"{mib / (ms / 1000):0} MiB/s assembled; ratio: time / kernel copy" + (scaled.Length > 0 ? "; " + scaled : "")));
            if (unequal)
            {
                unequalMs = ms;
            }
            else
            {
                results.Add((parts, ms));
            }
        }

        // Equal parts: placed and adopted on any filesystem, so the time may only follow the parts.
        var perPart = results.Max(r => r.Ms / r.Parts);
        var measured = string.Join(", ", results.Select(r => $"{r.Parts} parts {r.Ms / 1000:0.00} s")) + $" vs cp {copyMs / 1000:0.00} s";
        ctx.Results.Goal("complete", $"Complete on {fs}, parts of one size: time follows the parts, < 100 ms per part whatever the size", measured + $"; worst {perPart:0} ms per part", perPart < 100);
        var copied = $"{unequalMs / 1000:0.00} s vs cp {copyMs / 1000:0.00} s";
        if (fs is "xfs" or "btrfs")
        {
            ctx.Results.Goal("complete", $"Complete on {fs}, parts of unequal size (cloned): < 100 ms per part", copied, unequalMs / ctx.Scale.CompleteParts[0] < 100);
        }
        else
        {
            ctx.Results.Goal("complete", $"Complete on {fs}, parts of unequal size (copied in the kernel): <= 1.25 x cp of the same bytes, both from a cold cache", copied, unequalMs <= 1.25 * copyMs!.Value);
        }
    }

    /// <summary>The same bytes copied by the kernel on the same filesystem (clone where it can), flushed to disk.</summary>
    private static async Task<double> KernelCopyAsync(BenchContext ctx, string source, string fs, double mib)
    {
        var copy = source + ".cp-probe";
        await ColdAsync();
        var r = await Shell.RunAsync($"cp --reflink=auto {Quote(source)} {Quote(copy)} && sync -f {Quote(copy)}");
        File.Delete(copy);
        r.EnsureSuccess("cp probe");
        var ms = r.Seconds * 1000;
        ctx.Results.Add(new ResultRow("complete", "kernel copy (cp)", $"cp --reflink=auto {mib:0} MiB on {fs}", ms, "ms", ClientCpu: r.ChildCpu, Note: $"{mib / r.Seconds:0} MiB/s; copy_file_range or clone, then sync -f"));
        return ms;
    }

    /// <summary>
    /// Drops the page cache, then waits until the hypervisor has taken the freed memory back: on this VM, page cache
    /// filled into memory the host reclaimed costs ~3 s of system CPU per GiB (`cat` of 2 GiB: 6.4 s sys after a 30 s
    /// pause, 0.14 s right after the drop), so the Complete and the cp probe must both start from that state, or the
    /// second one measured reuses the first one's pages (docs/performance.md, Complete).
    /// </summary>
    private static async Task ColdAsync()
    {
        if (await LimitProbes.DropCachesAsync())
        {
            await Task.Delay(TimeSpan.FromSeconds(15));
        }
    }

    private static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
