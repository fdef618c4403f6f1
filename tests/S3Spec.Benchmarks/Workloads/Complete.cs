using System.Diagnostics;
using Amazon.S3.Model;

namespace S3Spec.Benchmarks.Workloads;

/// <summary>CompleteMultipartUpload of a large object: its time against the number of parts (the kernel copies).</summary>
internal static class Complete
{
    public static Task RunAsync(BenchContext ctx) => ctx.ForEachTargetAsync("complete", withPeers: false, async (target, client) =>
    {
        var total = ctx.Scale.CompleteTotal;
        var free = new DriveInfo(target.DataRoot!).AvailableFreeSpace;
        var scaled = "";
        // Parts and the assembled object coexist during a Complete without reflinks: keep 2 x total + 4 GiB free.
        while (2 * total + (4L << 30) > free && total > (256L << 20))
        {
            total /= 2;
            scaled = $"scaled down to {BenchContext.MiB(total):0} MiB: {BenchContext.MiB(free):0} MiB free on the data disk";
        }

        if (scaled.Length > 0)
        {
            ctx.Results.Notes.Add("complete: " + scaled);
        }

        var bucket = "bench-complete";
        await target.CreateBucketAsync(client, bucket);
        var results = new List<(int Parts, double Ms)>();
        foreach (var parts in ctx.Scale.CompleteParts)
        {
            var partSize = total / parts;
            var key = $"complete-{parts}.bin";
            var upload = await client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = bucket, Key = key });
            var etags = await Throughput.UploadPartsAsync(target, client, bucket, key, upload.UploadId, partSize * parts, partSize, parallel: 4);
            var scope = new CpuScope(target.Pid);
            var clock = Stopwatch.StartNew();
            await client.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest { BucketName = bucket, Key = key, UploadId = upload.UploadId, PartETags = etags });
            var ms = clock.Elapsed.TotalMilliseconds;
            var m = scope.Stop();
            await client.DeleteObjectAsync(bucket, key);
            results.Add((parts, ms));
            var mib = BenchContext.MiB(partSize * parts);
            ctx.Results.Add(new ResultRow("complete", target.Name, $"Complete {mib:0} MiB in {parts} parts", ms, "ms", ClientCpu: m.ClientCpu, ServerCpu: m.ServerCpu, Note: $"{mib / (ms / 1000):0} MiB/s assembled" + (scaled.Length > 0 ? "; " + scaled : "")));
        }

        var worst = results.Max(r => r.Ms);
        ctx.Results.Goal("complete", "CompleteMultipartUpload of the large object well inside a client timeout (< 60 s)", string.Join(", ", results.Select(r => $"{r.Parts} parts {r.Ms / 1000:0.0} s")), worst < 60_000);
    });
}
