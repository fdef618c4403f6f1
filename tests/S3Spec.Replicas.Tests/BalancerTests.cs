using System.Net;
using Amazon.S3;
using Amazon.S3.Model;

namespace S3Spec.Replicas.Tests;

/// <summary>
/// A client that talks only to the balancer: round robin per request, so consecutive requests of one client reach
/// different replicas.
/// </summary>
[Collection(ReplicaCollection.Name)]
public sealed class BalancerTests(ReplicaCluster cluster)
{
    private AmazonS3Client Client => cluster.BalancerClient ?? throw new InvalidOperationException("no balancer");

    [BalancerFact]
    public async Task Every_step_of_an_object_seen_through_the_balancer_is_the_last_one()
    {
        for (var round = 0; round < 4; round++)
        {
            var key = $"balanced/object-{round}";
            var body = Payloads.Random(10_000 + round);
            var put = await Client.PutObjectAsync(new PutObjectRequest { BucketName = ReplicaCluster.Volume, Key = key, InputStream = new MemoryStream(body) });
            for (var i = 0; i < ReplicaCluster.Size; i++)
            {
                using var get = await Client.GetObjectAsync(ReplicaCluster.Volume, key);
                Assert.Equal(put.ETag, get.ETag);
                Assert.Equal(body, await Payloads.ReadAllAsync(get.ResponseStream));
                var listed = await Client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = ReplicaCluster.Volume, Prefix = key });
                Assert.Equal(key, Assert.Single(listed.S3Objects ?? []).Key);
            }

            await Client.DeleteObjectAsync(ReplicaCluster.Volume, key);
            for (var i = 0; i < ReplicaCluster.Size; i++)
            {
                var head = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => Client.GetObjectMetadataAsync(ReplicaCluster.Volume, key));
                Assert.Equal(HttpStatusCode.NotFound, head.StatusCode);
                var listed = await Client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = ReplicaCluster.Volume, Prefix = key });
                Assert.Empty(listed.S3Objects ?? []);
            }
        }
    }

    [BalancerFact]
    public async Task A_multipart_upload_through_the_balancer_spreads_its_steps_and_completes_whole()
    {
        const string key = "balanced/multipart.bin";
        var created = await Client.InitiateMultipartUploadAsync(ReplicaCluster.Volume, key);
        var parts = Enumerable.Range(0, 4).Select(p => Payloads.Random((5 * 1024 * 1024) + p)).ToList();
        var etags = new List<PartETag>();
        for (var p = 0; p < parts.Count; p++)
        {
            var part = await Client.UploadPartAsync(new UploadPartRequest
            {
                BucketName = ReplicaCluster.Volume,
                Key = key,
                UploadId = created.UploadId,
                PartNumber = p + 1,
                InputStream = new MemoryStream(parts[p]),
            });
            etags.Add(new PartETag(p + 1, part.ETag));
        }

        var listedParts = await Client.ListPartsAsync(ReplicaCluster.Volume, key, created.UploadId);
        Assert.Equal(etags.Select(e => e.ETag), (listedParts.Parts ?? []).Select(p => p.ETag));
        var request = new CompleteMultipartUploadRequest { BucketName = ReplicaCluster.Volume, Key = key, UploadId = created.UploadId, PartETags = etags };
        var complete = await Client.CompleteMultipartUploadAsync(request);
        Assert.Equal(Payloads.MultipartETag(parts), complete.ETag);
        var retried = await Client.CompleteMultipartUploadAsync(request);
        Assert.Equal(complete.ETag, retried.ETag);
        using var get = await Client.GetObjectAsync(ReplicaCluster.Volume, key);
        Assert.Equal(Payloads.Concat(parts), await Payloads.ReadAllAsync(get.ResponseStream));
    }

    [BalancerFact]
    public async Task Concurrent_puts_of_one_key_through_the_balancer_are_never_refused_as_badly_signed()
    {
        // Reported once before the GlusterFS stage: SignatureDoesNotMatch for correctly signed concurrent PutObjects
        // of one key through different replicas. Each answer is 200, or a documented 409/503 (retryable); never 403.
        const int writers = 4 * ReplicaCluster.Size;
        for (var round = 0; round < 4; round++)
        {
            var key = $"balanced/concurrent-{round}.bin";
            var bodies = Enumerable.Range(0, writers).Select(i => Payloads.Random((128 * 1024) + (i * 1031))).ToArray();
            using var go = new ManualResetEventSlim();
            var puts = Enumerable.Range(0, writers).Select(i => Task.Run(async () =>
            {
                go.Wait();
                try
                {
                    var put = await Client.PutObjectAsync(new PutObjectRequest { BucketName = ReplicaCluster.Volume, Key = key, InputStream = new MemoryStream(bodies[i]) });
                    return (Status: put.HttpStatusCode, Code: "", ETag: put.ETag);
                }
                catch (AmazonS3Exception e)
                {
                    return (Status: e.StatusCode, Code: e.ErrorCode, ETag: "");
                }
            })).ToArray();
            go.Set();
            var results = await Task.WhenAll(puts);
            Assert.All(results, r => Assert.True(
                r.Status is HttpStatusCode.OK || (r.Status is HttpStatusCode.Conflict or HttpStatusCode.ServiceUnavailable && r.Code is "ConditionalRequestConflict" or "StorageUnavailable" or "SlowDown"),
                $"{(int)r.Status} {r.Code}"));
            for (var i = 0; i < writers; i++)
            {
                if (results[i].Status == HttpStatusCode.OK)
                {
                    Assert.Equal($"\"{Payloads.Md5Hex(bodies[i])}\"", results[i].ETag);
                }
            }

            using var get = await Client.GetObjectAsync(ReplicaCluster.Volume, key);
            var bytes = await Payloads.ReadAllAsync(get.ResponseStream);
            var winner = Assert.Single(bodies, b => b.AsSpan().SequenceEqual(bytes));
            Assert.Equal($"\"{Payloads.Md5Hex(winner)}\"", get.ETag);
        }
    }
}
