using Amazon.S3;
using Amazon.S3.Model;

namespace S3Spec.Benchmarks.Workloads;

/// <summary>Large objects: one PutObject/GetObject stream, multipart with parallel parts, concurrent uploads.</summary>
internal static class Throughput
{
    public static Task PutGetAsync(BenchContext ctx) => ctx.ForEachTargetAsync("putget", withPeers: true, async (target, client) =>
    {
        var size = ctx.Scale.BigObject;
        var bucket = "bench-putget";
        await target.CreateBucketAsync(client, bucket);
        var put = new CpuScope(target.Pid);
        await PutAsync(target, client, bucket, "big.bin", size);
        var putM = put.Stop();
        var cold = await LimitProbes.DropCachesAsync();
        var get = new CpuScope(target.Pid);
        await GetAsync(client, bucket, "big.bin");
        var getM = get.Stop();

        // The same GET without the SDK (a presigned URL through the loopback probe's HttpClient, no checksum
        // validation): separates the server's cost from the SDK client's on the shared cores.
        await LimitProbes.DropCachesAsync();
        var raw = new CpuScope(target.Pid);
        await GetPresignedAsync(client, bucket, "big.bin");
        var rawM = raw.Stop();
        await client.DeleteObjectAsync(bucket, "big.bin");
        var putMBps = BenchContext.MiB(size) / putM.Seconds;
        var getMBps = BenchContext.MiB(size) / getM.Seconds;
        var mode = target.Relaxed ? "unsigned body, no checksums" : "SDK defaults (aws-chunked, CRC32 trailer)";
        ctx.Results.Add(new ResultRow("putget", target.Name, $"PutObject {BenchContext.MiB(size):0} MiB", putMBps, "MiB/s", putMBps / ctx.Limits.PutLimit, putM.ClientCpu, putM.ServerCpu, Note: mode));
        ctx.Results.Add(new ResultRow("putget", target.Name, $"GetObject {BenchContext.MiB(size):0} MiB", getMBps, "MiB/s", getMBps / ctx.Limits.GetLimit, getM.ClientCpu, getM.ServerCpu, Note: cold ? "page cache dropped before" : "warm page cache"));
        var rawMBps = BenchContext.MiB(size) / rawM.Seconds;
        ctx.Results.Add(new ResultRow("putget", target.Name, $"GET {BenchContext.MiB(size):0} MiB by presigned URL, plain HttpClient", rawMBps, "MiB/s", rawMBps / ctx.Limits.GetLimit, rawM.ClientCpu, rawM.ServerCpu, Note: "the loopback probe's client, no SDK, no checksum validation; page cache dropped before"));
        if (target.Kind == TargetKind.S3Spec)
        {
            ctx.Results.Goal("putget", "PutObject >= 0.8 x min(dd write, loopback PUT)", $"{putMBps:0} MiB/s = {putMBps / ctx.Limits.PutLimit:0.00} x {ctx.Limits.PutLimit:0}", putMBps >= 0.8 * ctx.Limits.PutLimit);
            ctx.Results.Goal("putget", "GetObject >= 0.8 x min(dd read, loopback GET)", $"{getMBps:0} MiB/s = {getMBps / ctx.Limits.GetLimit:0.00} x {ctx.Limits.GetLimit:0}", getMBps >= 0.8 * ctx.Limits.GetLimit);
        }
    });

    public static Task MultipartAsync(BenchContext ctx) => ctx.ForEachTargetAsync("multipart", withPeers: true, async (target, client) =>
    {
        var size = ctx.Scale.BigObject;
        var bucket = "bench-multipart";
        await target.CreateBucketAsync(client, bucket);
        var scope = new CpuScope(target.Pid);
        await MultipartUploadAsync(target, client, bucket, "mp.bin", size, ctx.Scale.PartSize, parallel: 4);
        var m = scope.Stop();
        await client.DeleteObjectAsync(bucket, "mp.bin");
        var mbps = BenchContext.MiB(size) / m.Seconds;
        ctx.Results.Add(new ResultRow("multipart", target.Name, $"{BenchContext.MiB(size):0} MiB, {BenchContext.MiB(ctx.Scale.PartSize):0} MiB parts x4", mbps, "MiB/s", mbps / ctx.Limits.PutLimit, m.ClientCpu, m.ServerCpu));
        if (target.Kind == TargetKind.S3Spec)
        {
            ctx.Results.Goal("multipart", "multipart, 4 parts in parallel >= 0.7 x limit", $"{mbps:0} MiB/s = {mbps / ctx.Limits.PutLimit:0.00} x", mbps >= 0.7 * ctx.Limits.PutLimit);
        }
    });

    public static Task ConcurrentAsync(BenchContext ctx) => ctx.ForEachTargetAsync("concurrent", withPeers: false, async (target, client) =>
    {
        var scale = ctx.Scale;
        var bucket = "bench-concurrent";
        await target.CreateBucketAsync(client, bucket);
        using var rss = new RssSampler(target.Pid);
        var scope = new CpuScope(target.Pid);
        var uploads = new Task[scale.ConcurrentUploads];
        for (var i = 0; i < uploads.Length; i++)
        {
            var key = $"c{i}.bin";
            uploads[i] = Task.Run(async () =>
            {
                await MultipartUploadAsync(target, client, bucket, key, scale.ConcurrentObject, scale.PartSize, parallel: 1);
                await client.DeleteObjectAsync(bucket, key);
            });
        }

        await Task.WhenAll(uploads);
        var m = scope.Stop();
        await rss.DisposeAsync();
        var total = scale.ConcurrentObject * scale.ConcurrentUploads;
        var mbps = BenchContext.MiB(total) / m.Seconds;
        ctx.Results.Add(new ResultRow("concurrent", target.Name, $"{scale.ConcurrentUploads} x {BenchContext.MiB(scale.ConcurrentObject):0} MiB multipart", mbps, "MiB/s", mbps / ctx.Limits.PutLimit, m.ClientCpu, m.ServerCpu, rss.MaxMiB, $"{rss.Samples} RSS samples; each object deleted when complete"));
        ctx.Results.Goal("concurrent", "8 concurrent multipart: server RSS < 256 MiB", $"max {rss.MaxMiB:0} MiB", rss.MaxMiB < 256);
        ctx.Results.Goal("concurrent", "8 concurrent multipart: >= 0.8 x limit", $"{mbps:0} MiB/s = {mbps / ctx.Limits.PutLimit:0.00} x", mbps >= 0.8 * ctx.Limits.PutLimit);
    });

    public static async Task PutAsync(Target target, AmazonS3Client client, string bucket, string key, long size)
    {
        await using var body = new PatternStream(size);
        await client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = bucket,
            Key = key,
            InputStream = body,
            AutoCloseStream = false,
            UseChunkEncoding = !target.Relaxed,
        });
    }

    public static async Task GetAsync(AmazonS3Client client, string bucket, string key)
    {
        using var response = await client.GetObjectAsync(bucket, key);
        await response.ResponseStream.CopyToAsync(Stream.Null, 256 * 1024);
    }

    public static async Task GetPresignedAsync(AmazonS3Client client, string bucket, string key)
    {
        var url = await client.GetPreSignedURLAsync(new GetPreSignedUrlRequest { BucketName = bucket, Key = key, Verb = HttpVerb.GET, Protocol = Protocol.HTTP, Expires = DateTime.UtcNow.AddMinutes(30) });
        using var http = LoopbackHttp.Create();
        using var response = await http.GetAsync(new Uri(url), HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync();
        await body.CopyToAsync(Stream.Null, 256 * 1024);
    }

    /// <summary>Uploads <paramref name="size"/> bytes in parts of <paramref name="partSize"/>; a <paramref name="firstPartSize"/> above 0 makes the first part that long instead.</summary>
    public static async Task<List<PartETag>> UploadPartsAsync(
        Target target, AmazonS3Client client, string bucket, string key, string uploadId, long size, long partSize, int parallel, long firstPartSize = 0)
    {
        var lengths = new List<long>();
        for (var left = size; left > 0;)
        {
            var length = Math.Min(lengths.Count == 0 && firstPartSize > 0 ? firstPartSize : partSize, left);
            lengths.Add(length);
            left -= length;
        }

        var count = lengths.Count;
        var etags = new PartETag[count];
        using var gate = new SemaphoreSlim(parallel);
        var tasks = new Task[count];
        for (var i = 0; i < count; i++)
        {
            var number = i + 1;
            var length = lengths[i];
            await gate.WaitAsync();
            tasks[i] = Task.Run(async () =>
            {
                try
                {
                    await using var body = new PatternStream(length);
                    var response = await client.UploadPartAsync(new UploadPartRequest
                    {
                        BucketName = bucket,
                        Key = key,
                        UploadId = uploadId,
                        PartNumber = number,
                        InputStream = body,
                        PartSize = length,
                        UseChunkEncoding = !target.Relaxed,
                    });
                    etags[number - 1] = new PartETag(number, response.ETag) { ChecksumCRC32 = response.ChecksumCRC32 };
                }
                finally
                {
                    gate.Release();
                }
            });
        }

        await Task.WhenAll(tasks);
        return [.. etags];
    }

    public static async Task MultipartUploadAsync(Target target, AmazonS3Client client, string bucket, string key, long size, long partSize, int parallel)
    {
        var upload = await client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = bucket, Key = key });
        var parts = await UploadPartsAsync(target, client, bucket, key, upload.UploadId, size, partSize, parallel);
        await client.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest { BucketName = bucket, Key = key, UploadId = upload.UploadId, PartETags = parts });
    }
}
