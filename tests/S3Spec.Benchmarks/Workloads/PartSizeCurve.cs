using System.Diagnostics;

namespace S3Spec.Benchmarks.Workloads;

/// <summary>Multipart upload throughput of one object against the part size and the number of parts in flight (S3Spec).</summary>
internal static class PartSizeCurve
{
    public static async Task RunAsync(BenchContext ctx)
    {
        var scale = ctx.Scale;
        var curve = new Curve("partcurve", "upload-parts", $"Multipart upload of {BenchContext.MiB(scale.PartCurveObject):0} MiB: throughput against part size", "part size, MiB", "MiB/s", LogX: true, LogY: false, [],
            "S3Spec only; SDK client with its defaults (aws-chunked, CRC32 trailer); time from CreateMultipartUpload to the end of Complete; the object is deleted after each point.");
        var target = ctx.S3Spec;
        using var client = target.CreateClient();
        const string Bucket = "bench-partcurve";
        await target.CreateBucketAsync(client, Bucket);
        foreach (var parallel in scale.PartParallel)
        {
            foreach (var partMiB in scale.PartSizesMiB)
            {
                var scope = new CpuScope(target.Pid);
                var clock = Stopwatch.StartNew();
                await Throughput.MultipartUploadAsync(target, client, Bucket, "curve.bin", scale.PartCurveObject, (long)partMiB << 20, parallel);
                var seconds = clock.Elapsed.TotalSeconds;
                var m = scope.Stop();
                await client.DeleteObjectAsync(Bucket, "curve.bin");
                var rate = BenchContext.MiB(scale.PartCurveObject) / seconds;
                curve.Add($"{parallel} in parallel", partMiB, rate);
                ctx.Results.Add(new ResultRow("partcurve", target.Name, $"multipart, {partMiB} MiB parts x{parallel}", rate, "MiB/s", ClientCpu: m.ClientCpu, ServerCpu: m.ServerCpu,
                    Note: $"{BenchContext.MiB(scale.PartCurveObject):0} MiB"));
            }
        }

        ctx.Results.Curves.Add(curve);
    }
}
