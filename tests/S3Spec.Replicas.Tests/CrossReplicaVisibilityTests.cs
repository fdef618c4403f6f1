using System.Net;
using Amazon.S3;
using Amazon.S3.Model;

namespace S3Spec.Replicas.Tests;

/// <summary>
/// What one replica changes, every other replica serves at once: deletes, overwrites and new keys, also where the
/// other replicas had just read the old state (their filesystem clients' caches are warm) and where a listing is
/// answered from a kept directory snapshot.
/// </summary>
[Collection(ReplicaCollection.Name)]
public sealed class CrossReplicaVisibilityTests(ReplicaCluster cluster)
{
    [Fact]
    public async Task A_delete_through_one_replica_is_not_found_through_the_others_at_once()
    {
        for (var round = 0; round < 5; round++)
        {
            var key = $"visibility/deleted-{round}.txt";
            await cluster.Client(0).PutObjectAsync(new PutObjectRequest { BucketName = ReplicaCluster.Volume, Key = key, ContentBody = "gone soon" });

            // Warm the other replicas' view of the object (attribute, entry and content caches of their mounts).
            for (var r = 1; r < ReplicaCluster.Size; r++)
            {
                Assert.Equal(9, (await cluster.Client(r).GetObjectMetadataAsync(ReplicaCluster.Volume, key)).ContentLength);
                using var warm = await cluster.Client(r).GetObjectAsync(ReplicaCluster.Volume, key);
                Assert.Equal("gone soon", await new StreamReader(warm.ResponseStream).ReadToEndAsync());
            }

            await cluster.Client(0).DeleteObjectAsync(ReplicaCluster.Volume, key);

            for (var r = 1; r < ReplicaCluster.Size; r++)
            {
                var head = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => cluster.Client(r).GetObjectMetadataAsync(ReplicaCluster.Volume, key));
                Assert.Equal(HttpStatusCode.NotFound, head.StatusCode);
                var get = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => cluster.Client(r).GetObjectAsync(ReplicaCluster.Volume, key));
                Assert.Equal("NoSuchKey", get.ErrorCode);
            }
        }
    }

    [Fact]
    public async Task An_overwrite_through_one_replica_is_what_the_others_serve_at_once()
    {
        const string key = "visibility/overwritten.bin";
        var first = Payloads.Random(4096);
        await cluster.Client(0).PutObjectAsync(new PutObjectRequest { BucketName = ReplicaCluster.Volume, Key = key, InputStream = new MemoryStream(first) });
        for (var round = 0; round < 5; round++)
        {
            for (var r = 0; r < ReplicaCluster.Size; r++)
            {
                using var warm = await cluster.Client(r).GetObjectAsync(ReplicaCluster.Volume, key);
                await Payloads.ReadAllAsync(warm.ResponseStream);
            }

            // Another size each round, so a stale size or stale content cannot pass for the new object.
            var next = Payloads.Random(4096 + round + 1);
            var writer = round % ReplicaCluster.Size;
            var put = await cluster.Client(writer).PutObjectAsync(new PutObjectRequest { BucketName = ReplicaCluster.Volume, Key = key, InputStream = new MemoryStream(next) });
            for (var r = 1; r < ReplicaCluster.Size; r++)
            {
                var reader = writer + r;
                var head = await cluster.Client(reader).GetObjectMetadataAsync(ReplicaCluster.Volume, key);
                Assert.Equal(put.ETag, head.ETag);
                Assert.Equal(next.Length, head.ContentLength);
                using var get = await cluster.Client(reader).GetObjectAsync(ReplicaCluster.Volume, key);
                Assert.Equal(put.ETag, get.ETag);
                Assert.Equal(next, await Payloads.ReadAllAsync(get.ResponseStream));
            }
        }
    }

    [Fact]
    public async Task A_key_written_through_one_replica_is_listed_by_the_others_also_from_a_kept_snapshot()
    {
        // A directory large enough for listing snapshots (ReplicaSettings.ListingCacheMinEntries), left unchanged
        // for longer than the settle time so that the other replicas keep a snapshot of it (the settle time follows
        // the filesystem: 2 s on a local one, 5 s on a FUSE mount; docs/storage.md "Listing").
        var settled = TimeSpan.FromSeconds(cluster.SeparateMounts ? 6 : 3);
        const string prefix = "visibility/listed/";
        var keys = Enumerable.Range(0, ReplicaSettings.ListingCacheMinEntries + 4).Select(i => $"{prefix}k{i:D3}").ToList();
        await Task.WhenAll(keys.Select((k, i) => cluster.Client(i).PutObjectAsync(new PutObjectRequest { BucketName = ReplicaCluster.Volume, Key = k, ContentBody = k })));
        await Task.Delay(settled);
        for (var r = 0; r < ReplicaCluster.Size; r++)
        {
            Assert.Equal(keys, await ListAsync(r, prefix));
            Assert.Equal(keys, await ListAsync(r, prefix));
        }

        for (var round = 0; round < 3; round++)
        {
            var added = $"{prefix}new-{round}";
            var writer = round % ReplicaCluster.Size;
            await cluster.Client(writer).PutObjectAsync(new PutObjectRequest { BucketName = ReplicaCluster.Volume, Key = added, ContentBody = "new" });
            keys.Add(added);
            keys.Sort(StringComparer.Ordinal);
            for (var r = 1; r < ReplicaCluster.Size; r++)
            {
                Assert.Equal(keys, await ListAsync(writer + r, prefix));
            }

            await cluster.Client(writer).DeleteObjectAsync(ReplicaCluster.Volume, keys[0]);
            keys.RemoveAt(0);
            for (var r = 1; r < ReplicaCluster.Size; r++)
            {
                Assert.Equal(keys, await ListAsync(writer + r, prefix));
            }

            // Settle again so that the next round starts from kept snapshots.
            await Task.Delay(settled);
            for (var r = 0; r < ReplicaCluster.Size; r++)
            {
                Assert.Equal(keys, await ListAsync(r, prefix));
            }
        }
    }

    private async Task<List<string>> ListAsync(int replica, string prefix)
    {
        var keys = new List<string>();
        string? token = null;
        do
        {
            var page = await cluster.Client(replica).ListObjectsV2Async(new ListObjectsV2Request
            {
                BucketName = ReplicaCluster.Volume,
                Prefix = prefix,
                MaxKeys = 7,
                ContinuationToken = token,
            });
            keys.AddRange((page.S3Objects ?? []).Select(o => o.Key));
            token = page.IsTruncated == true ? page.NextContinuationToken : null;
        }
        while (token is not null);
        return keys;
    }
}
