using System.Net;
using Amazon.S3;
using Amazon.S3.Model;

namespace S3Spec.Replicas.Tests;

/// <summary>An object written through one replica is the same object for every other replica.</summary>
[Collection(ReplicaCollection.Name)]
public sealed class ObjectSharingTests(ReplicaCluster cluster)
{
    [Fact]
    public async Task AnObjectPutThroughOneReplicaIsReadListedAndDeletedThroughTheOthers()
    {
        const string key = "sharing/report.bin";
        var body = Payloads.Random(300_000);
        var put = await cluster.Client(0).PutObjectAsync(new PutObjectRequest
        {
            BucketName = ReplicaCluster.Volume,
            Key = key,
            InputStream = new MemoryStream(body),
            ContentType = "application/x-report",
            Metadata = { ["origin"] = "replica-0" },
        });
        Assert.Equal($"\"{Payloads.Md5Hex(body)}\"", put.ETag);

        using (var get = await cluster.Client(1).GetObjectAsync(ReplicaCluster.Volume, key))
        {
            Assert.Equal(body, await Payloads.ReadAllAsync(get.ResponseStream));
            Assert.Equal(put.ETag, get.ETag);
            Assert.Equal("application/x-report", get.Headers.ContentType);
            Assert.Equal("replica-0", get.Metadata["origin"]);
        }

        var listed = await cluster.Client(2).ListObjectsV2Async(new ListObjectsV2Request { BucketName = ReplicaCluster.Volume, Prefix = "sharing/" });
        var item = Assert.Single(listed.S3Objects ?? []);
        Assert.Equal(key, item.Key);
        Assert.Equal(body.Length, item.Size);
        Assert.Equal(put.ETag, item.ETag);

        var deleted = await cluster.Client(2).DeleteObjectAsync(ReplicaCluster.Volume, key);
        Assert.Equal(HttpStatusCode.NoContent, deleted.HttpStatusCode);

        var missing = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => cluster.Client(0).GetObjectAsync(ReplicaCluster.Volume, key));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("NoSuchKey", missing.ErrorCode);
        var after = await cluster.Client(1).ListObjectsV2Async(new ListObjectsV2Request { BucketName = ReplicaCluster.Volume, Prefix = "sharing/" });
        Assert.Empty(after.S3Objects ?? []);
    }

    [Fact]
    public async Task AListingContinuesOnAnyReplicaFromAnotherReplicasToken()
    {
        var keys = new[] { "paged/a", "paged/b", "paged/c/d", "paged/e", "paged/f", "paged/g" };
        foreach (var key in keys)
        {
            await cluster.Client(0).PutObjectAsync(new PutObjectRequest { BucketName = ReplicaCluster.Volume, Key = key, ContentBody = key });
        }

        var seen = new List<string>();
        string? token = null;
        var page = 0;
        do
        {
            // Each page through the next replica: the token names the last key, no replica keeps listing state.
            var response = await cluster.Client(page++).ListObjectsV2Async(new ListObjectsV2Request
            {
                BucketName = ReplicaCluster.Volume,
                Prefix = "paged/",
                MaxKeys = 2,
                ContinuationToken = token,
            });
            seen.AddRange((response.S3Objects ?? []).Select(o => o.Key));
            token = response.IsTruncated == true ? response.NextContinuationToken : null;
        }
        while (token is not null);

        Assert.Equal(keys, seen);
        Assert.Equal(3, page);
    }

    [Fact]
    public async Task ExactlyOneOfThreeIfNoneMatchPutsRacingThroughThreeReplicasWins()
    {
        for (var round = 0; round < 5; round++)
        {
            var key = $"race/put-{round}.bin";
            var bodies = new byte[ReplicaCluster.Size][];
            for (var i = 0; i < bodies.Length; i++)
            {
                bodies[i] = Payloads.Random(512 * 1024);
            }

            using var go = new ManualResetEventSlim();
            var puts = new Task<HttpStatusCode>[ReplicaCluster.Size];
            for (var i = 0; i < puts.Length; i++)
            {
                var replica = i;
                puts[i] = Task.Run(async () =>
                {
                    go.Wait();
                    return await ConditionalPutAsync(cluster.Client(replica), key, bodies[replica]);
                });
            }

            go.Set();
            var outcomes = await Task.WhenAll(puts);

            var winners = Enumerable.Range(0, outcomes.Length).Where(i => outcomes[i] == HttpStatusCode.OK).ToArray();
            var winner = Assert.Single(winners);
            Assert.All(outcomes.Where((_, i) => i != winner), o => Assert.Equal(HttpStatusCode.PreconditionFailed, o));
            using var get = await cluster.Client(winner + 1).GetObjectAsync(ReplicaCluster.Volume, key);
            Assert.Equal(bodies[winner], await Payloads.ReadAllAsync(get.ResponseStream));
        }
    }

    private static async Task<HttpStatusCode> ConditionalPutAsync(AmazonS3Client client, string key, byte[] body)
    {
        try
        {
            var response = await client.PutObjectAsync(new PutObjectRequest
            {
                BucketName = ReplicaCluster.Volume,
                Key = key,
                InputStream = new MemoryStream(body),
                IfNoneMatch = "*",
            });
            return response.HttpStatusCode;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.PreconditionFailed)
        {
            Assert.Equal("PreconditionFailed", e.ErrorCode);
            return e.StatusCode;
        }
    }
}
