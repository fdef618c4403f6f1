using System.Collections.Concurrent;
using System.Net;
using Amazon.S3;
using Amazon.S3.Model;

namespace S3Spec.Replicas.Tests;

/// <summary>
/// Readers on two replicas while a third overwrites the same keys again and again: on a network or FUSE
/// filesystem a reader's path can resolve to a file the writer's client just replaced (ESTALE), which S3Spec looks
/// up again (docs/storage.md "Errors map"). No read answers a 5xx; every GET's ETag is that of its bytes; every
/// listing shows each key once (known defect on 2-brick GlusterFS, skipped).
/// </summary>
[Collection(ReplicaCollection.Name)]
public sealed class StaleReadTests(ReplicaCluster cluster)
{
    [Fact]
    public async Task Reads_through_two_replicas_during_overwrites_through_a_third_never_answer_a_server_error()
    {
        var (failures, _, reads) = await ReadDuringOverwritesAsync("stale/");
        Assert.True(reads > 0, "no read completed");
        Assert.True(failures.IsEmpty, $"{failures.Count} of {reads + failures.Count} reads failed:\n{string.Join("\n", failures.Take(20))}");
    }

    [Fact]
    public async Task Every_get_through_two_replicas_during_overwrites_through_a_third_answers_the_etag_of_its_bytes()
    {
        var (_, mismatches, reads) = await ReadDuringOverwritesAsync("stale-etag/");
        var gets = mismatches.Where(m => m.StartsWith("GET", StringComparison.Ordinal)).ToList();
        Assert.True(reads > 0, "no read completed");
        Assert.True(gets.Count == 0, $"{gets.Count} GETs:\n{string.Join("\n", gets.Take(20))}");
    }

    [Fact(Skip = "Known defect on 2-brick GlusterFS (docs/replicas.md): a listing during an overwrite can miss a key that GlusterFS DHT is renaming between bricks")]
    public async Task Every_listing_through_two_replicas_during_overwrites_through_a_third_shows_each_key_once()
    {
        var (_, mismatches, reads) = await ReadDuringOverwritesAsync("stale-list/");
        var lists = mismatches.Where(m => m.StartsWith("LIST", StringComparison.Ordinal)).ToList();
        Assert.True(reads > 0, "no read completed");
        Assert.True(lists.Count == 0, $"{lists.Count} listings:\n{string.Join("\n", lists.Take(20))}");
    }

    private async Task<(ConcurrentQueue<string> Failures, ConcurrentQueue<string> Mismatches, int Reads)> ReadDuringOverwritesAsync(string prefix)
    {
        var keys = Enumerable.Range(0, 3).Select(i => $"{prefix}k{i}.bin").ToArray();
        foreach (var key in keys)
        {
            await cluster.Client(0).PutObjectAsync(new PutObjectRequest { BucketName = ReplicaCluster.Volume, Key = key, InputStream = new MemoryStream(Payloads.Random(2048)) });
        }

        var failures = new ConcurrentQueue<string>();
        var mismatches = new ConcurrentQueue<string>();
        var reads = 0;
        using var stop = new CancellationTokenSource();
        var readers = Enumerable.Range(1, 2 * (ReplicaCluster.Size - 1)).Select(n => Task.Run(async () =>
        {
            var client = cluster.Client(1 + (n % (ReplicaCluster.Size - 1)));
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var key = keys[i % keys.Length];
                try
                {
                    switch (i % 3)
                    {
                        case 0:
                            await client.GetObjectMetadataAsync(ReplicaCluster.Volume, key);
                            break;
                        case 1:
                            using (var get = await client.GetObjectAsync(ReplicaCluster.Volume, key))
                            {
                                var bytes = await Payloads.ReadAllAsync(get.ResponseStream);
                                if ($"\"{Payloads.Md5Hex(bytes)}\"" != get.ETag)
                                {
                                    mismatches.Enqueue($"GET {key}: {bytes.Length} bytes whose MD5 is not the ETag {get.ETag}");
                                }
                            }

                            break;
                        default:
                            var listed = await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = ReplicaCluster.Volume, Prefix = prefix });
                            if ((listed.S3Objects ?? []).Count != keys.Length)
                            {
                                mismatches.Enqueue($"LIST {prefix}: {(listed.S3Objects ?? []).Count} keys, not {keys.Length}");
                            }

                            break;
                    }

                    Interlocked.Increment(ref reads);
                }
                catch (AmazonS3Exception e) when ((int)e.StatusCode >= 500)
                {
                    failures.Enqueue($"{(i % 3 == 0 ? "HEAD" : i % 3 == 1 ? "GET" : "LIST")} {key}: {(int)e.StatusCode} {e.ErrorCode}");
                }
            }
        })).ToArray();

        try
        {
            for (var round = 0; round < 40; round++)
            {
                foreach (var key in keys)
                {
                    var put = await cluster.Client(0).PutObjectAsync(new PutObjectRequest
                    {
                        BucketName = ReplicaCluster.Volume,
                        Key = key,
                        InputStream = new MemoryStream(Payloads.Random(2048 + round)),
                    });
                    Assert.Equal(HttpStatusCode.OK, put.HttpStatusCode);
                }
            }
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(readers);
        }

        return (failures, mismatches, reads);
    }
}
