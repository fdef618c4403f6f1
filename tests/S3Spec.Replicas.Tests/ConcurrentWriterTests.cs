using System.Net;
using Amazon.S3;
using Amazon.S3.Model;

namespace S3Spec.Replicas.Tests;

/// <summary>Writers of one key on different replicas at the same time.</summary>
[Collection(ReplicaCollection.Name)]
public sealed class ConcurrentWriterTests(ReplicaCluster cluster)
{
    [Fact]
    public Task Concurrent_puts_of_one_key_through_every_replica_all_succeed_and_leave_one_whole_version() =>
        ConcurrentPutsAsync("writers/one-key", r => cluster.Client(r));

    [Fact]
    public async Task Concurrent_puts_of_one_key_by_clients_with_the_sdks_default_retries_all_succeed()
    {
        // Applications keep the SDK's retries: a retried PutObject must be taken like the first attempt (no
        // SignatureDoesNotMatch for a correctly signed retry).
        var clients = Enumerable.Range(0, ReplicaCluster.Size).Select(cluster.NewRetryingClient).ToArray();
        try
        {
            await ConcurrentPutsAsync("writers/retrying", r => clients[r % clients.Length]);
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }
    }

    private async Task ConcurrentPutsAsync(string prefix, Func<int, AmazonS3Client> client)
    {
        const int writers = 3 * ReplicaCluster.Size;
        for (var round = 0; round < 3; round++)
        {
            var key = $"{prefix}-{round}.bin";
            var bodies = Enumerable.Range(0, writers).Select(i => Payloads.Random((256 * 1024) + (i * 4099))).ToArray();
            using var go = new ManualResetEventSlim();
            var puts = new Task<PutObjectResponse>[writers];
            for (var i = 0; i < writers; i++)
            {
                var writer = i;
                puts[i] = Task.Run(async () =>
                {
                    go.Wait();
                    return await client(writer).PutObjectAsync(new PutObjectRequest
                    {
                        BucketName = ReplicaCluster.Volume,
                        Key = key,
                        InputStream = new MemoryStream(bodies[writer]),
                    });
                });
            }

            go.Set();
            var results = await Task.WhenAll(puts);
            for (var i = 0; i < writers; i++)
            {
                Assert.Equal(HttpStatusCode.OK, results[i].HttpStatusCode);
                Assert.Equal($"\"{Payloads.Md5Hex(bodies[i])}\"", results[i].ETag);
            }

            using var get = await client(round).GetObjectAsync(ReplicaCluster.Volume, key);
            var bytes = await Payloads.ReadAllAsync(get.ResponseStream);
            var winner = Assert.Single(bodies, b => b.AsSpan().SequenceEqual(bytes));
            Assert.Equal($"\"{Payloads.Md5Hex(winner)}\"", get.ETag);
            for (var r = 0; r < ReplicaCluster.Size; r++)
            {
                var head = await client(r).GetObjectMetadataAsync(ReplicaCluster.Volume, key);
                Assert.Equal(get.ETag, head.ETag);
                Assert.Equal(winner.Length, head.ContentLength);
            }
        }
    }

    [Fact]
    public async Task Exactly_one_of_nine_if_none_match_creators_through_three_replicas_wins()
    {
        const int creators = 3 * ReplicaCluster.Size;
        for (var round = 0; round < 3; round++)
        {
            var key = $"writers/create-{round}.bin";
            var bodies = Enumerable.Range(0, creators).Select(_ => Payloads.Random(64 * 1024)).ToArray();
            using var go = new ManualResetEventSlim();
            var puts = new Task<HttpStatusCode>[creators];
            for (var i = 0; i < creators; i++)
            {
                var creator = i;
                puts[i] = Task.Run(async () =>
                {
                    go.Wait();
                    try
                    {
                        var put = await cluster.Client(creator).PutObjectAsync(new PutObjectRequest
                        {
                            BucketName = ReplicaCluster.Volume,
                            Key = key,
                            InputStream = new MemoryStream(bodies[creator]),
                            IfNoneMatch = "*",
                        });
                        return put.HttpStatusCode;
                    }
                    catch (AmazonS3Exception e) when (e.ErrorCode is "PreconditionFailed" or "ConditionalRequestConflict")
                    {
                        return e.StatusCode;
                    }
                });
            }

            go.Set();
            var outcomes = await Task.WhenAll(puts);
            var winner = Assert.Single(Enumerable.Range(0, creators), i => outcomes[i] == HttpStatusCode.OK);
            Assert.All(outcomes.Where((_, i) => i != winner), o => Assert.True(o is HttpStatusCode.PreconditionFailed or HttpStatusCode.Conflict, o.ToString()));
            for (var r = 0; r < ReplicaCluster.Size; r++)
            {
                using var get = await cluster.Client(r).GetObjectAsync(ReplicaCluster.Volume, key);
                Assert.Equal(bodies[winner], await Payloads.ReadAllAsync(get.ResponseStream));
            }
        }
    }
}
