using System.Net;
using System.Text.Json;
using Amazon.S3;
using Amazon.S3.Model;

namespace S3Spec.Replicas.Tests;

/// <summary>
/// A volume quota (registry <c>.s3spec/volumes.json</c>) counts what every replica wrote: the used-bytes counter of a
/// volume without an exact size source is shared through the filesystem, so sequential writes through three
/// replicas never overrun it, and space freed through one replica is free for the others.
/// </summary>
[Collection(ReplicaCollection.Name)]
public sealed class CapacityReplicaTests(ReplicaCluster cluster)
{
    private const long Quota = 1_000_000;
    private const int ObjectSize = 100_000;

    [Fact]
    public async Task Writes_through_three_replicas_stop_at_the_quota_and_space_freed_through_one_is_free_for_the_others()
    {
        var volume = "quota-" + Guid.NewGuid().ToString("N")[..8];
        Directory.CreateDirectory(Path.Combine(cluster.DataRootOf(0), volume));
        await SetQuotaAsync(volume, Quota);

        var accepted = new List<string>();
        for (var i = 0; i < 30; i++)
        {
            var key = $"o{i:D2}";
            if (await PutAsync(i, volume, key) == HttpStatusCode.OK)
            {
                accepted.Add(key);
            }
        }

        // Sequential writes: nothing is in flight elsewhere, so the bound is the quota itself.
        Assert.Equal(Quota / ObjectSize, accepted.Count);
        Assert.Equal(Quota, await StoredBytesAsync(volume));

        for (var i = 0; i < 3; i++)
        {
            await cluster.Client(0).DeleteObjectAsync(volume, accepted[i]);
        }

        Assert.Equal(HttpStatusCode.OK, await PutAsync(1, volume, "after-1"));
        Assert.Equal(HttpStatusCode.OK, await PutAsync(2, volume, "after-2"));
        Assert.Equal(HttpStatusCode.OK, await PutAsync(1, volume, "after-3"));
        Assert.Equal(HttpStatusCode.InsufficientStorage, await PutAsync(2, volume, "after-4"));
        Assert.Equal(Quota, await StoredBytesAsync(volume));
    }

    [Fact]
    public async Task Concurrent_writes_near_the_quota_through_three_replicas_overrun_it_by_at_most_what_the_others_had_in_flight()
    {
        const int perReplica = 4;
        var volume = "quota-" + Guid.NewGuid().ToString("N")[..8];
        Directory.CreateDirectory(Path.Combine(cluster.DataRootOf(0), volume));
        await SetQuotaAsync(volume, Quota);
        const int before = 7;
        for (var i = 0; i < before; i++)
        {
            Assert.Equal(HttpStatusCode.OK, await PutAsync(i, volume, $"before-{i}"));
        }

        // Room for three more; twelve writers (four per replica) start at once.
        using var go = new ManualResetEventSlim();
        var puts = Enumerable.Range(0, perReplica * ReplicaCluster.Size).Select(i => Task.Run(async () =>
        {
            go.Wait();
            return await PutAsync(i % ReplicaCluster.Size, volume, $"racing-{i:D2}");
        })).ToArray();
        go.Set();
        var outcomes = await Task.WhenAll(puts);
        Assert.All(outcomes, o => Assert.True(o is HttpStatusCode.OK or HttpStatusCode.InsufficientStorage, o.ToString()));
        var accepted = outcomes.Count(o => o == HttpStatusCode.OK);

        // docs/replicas.md "Bound": a replica checks the shared count plus its own writes in flight, so what the
        // other replicas had in flight (at most perReplica writes each) is the most the quota can be overrun by.
        var stored = await StoredBytesAsync(volume);
        Assert.Equal((before + accepted) * (long)ObjectSize, stored);
        Assert.True(accepted >= 1, "no racing write was accepted although there was room for three");
        Assert.True(stored <= Quota + ((ReplicaCluster.Size - 1) * perReplica * (long)ObjectSize), $"{stored} bytes stored for a quota of {Quota}");

        // Within one replica its own writes in flight count: at most the room left is taken by one replica's writers.
        Assert.All(Enumerable.Range(0, ReplicaCluster.Size), r =>
            Assert.True(Enumerable.Range(0, outcomes.Length).Count(i => i % ReplicaCluster.Size == r && outcomes[i] == HttpStatusCode.OK) <= (Quota / ObjectSize) - before));

        // Once every write committed, the shared count is over the quota or at it: the next write is refused.
        Assert.Equal(stored >= Quota ? HttpStatusCode.InsufficientStorage : HttpStatusCode.OK, await PutAsync(1, volume, "after"));
    }

    private async Task<HttpStatusCode> PutAsync(int replica, string volume, string key)
    {
        try
        {
            var put = await cluster.Client(replica).PutObjectAsync(new PutObjectRequest
            {
                BucketName = volume,
                Key = key,
                InputStream = new MemoryStream(Payloads.Random(ObjectSize)),
            });
            return put.HttpStatusCode;
        }
        catch (AmazonS3Exception e) when (e.ErrorCode == "InsufficientStorage")
        {
            return e.StatusCode;
        }
    }

    private async Task<long> StoredBytesAsync(string volume)
    {
        var listed = await cluster.Client(2).ListObjectsV2Async(new ListObjectsV2Request { BucketName = volume });
        return (listed.S3Objects ?? []).Sum(o => o.Size ?? 0);
    }

    /// <summary>Writes the registry with this quota (replacing it atomically) and waits for the replicas' 2 s poll.</summary>
    private async Task SetQuotaAsync(string volume, long quota)
    {
        var folder = Path.Combine(cluster.DataRootOf(0), ".s3spec");
        Directory.CreateDirectory(folder);
        var registry = Path.Combine(folder, "volumes.json");
        var temp = registry + ".tmp-" + Guid.NewGuid().ToString("N");
        var json = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["volumes"] = new Dictionary<string, object> { [volume] = new Dictionary<string, long> { ["quotaBytes"] = quota } },
        });
        await File.WriteAllTextAsync(temp, json);
        File.Move(temp, registry, overwrite: true);
        await Task.Delay(TimeSpan.FromSeconds(2.5));
    }
}
