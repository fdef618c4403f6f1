using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace S3Spec.Replicas.Tests;

/// <summary>
/// A replica's node is lost: the FUSE client of its mount is killed (SIGKILL) while it writes. The other replicas
/// keep serving whole objects, and the orphaned replica answers with an error a client retries elsewhere, never a
/// torn object or a 500. Runs only where the stage passes the FUSE clients' PIDs (S3SPEC_REPLICA_FUSE_PIDS, one per
/// replica, ':'-separated), alone, as the last step over its mounts: the killed mount stays dead.
/// </summary>
[Collection(ReplicaCollection.Name)]
public sealed class NodeLossTests(ReplicaCluster cluster)
{
    [NodeLossFact]
    public async Task Killing_a_replicas_filesystem_client_mid_put_leaves_the_others_serving_whole_objects()
    {
        var fusePids = Environment.GetEnvironmentVariable("S3SPEC_REPLICA_FUSE_PIDS")!.Split(':').Select(int.Parse).ToArray();
        const string key = "node-loss/object.bin";
        var old = Payloads.Random(200_000);
        var put = await cluster.Client(0).PutObjectAsync(new PutObjectRequest { BucketName = ReplicaCluster.Volume, Key = key, InputStream = new MemoryStream(old) });

        // A large body through replica 2; its mount's client dies while the body streams.
        var big = Payloads.Random(64 * 1024 * 1024);
        var write = cluster.Client(2).PutObjectAsync(new PutObjectRequest { BucketName = ReplicaCluster.Volume, Key = key, InputStream = new MemoryStream(big) });
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        using (var fuse = System.Diagnostics.Process.GetProcessById(fusePids[2]))
        {
            fuse.Kill();
            fuse.WaitForExit(10_000);
        }

        var outcome = await Record.ExceptionAsync(() => write);
        var orphan = await Record.ExceptionAsync(() => cluster.Client(2).GetObjectMetadataAsync(ReplicaCluster.Volume, key));
        Assert.True(orphan is AmazonS3Exception { StatusCode: HttpStatusCode.ServiceUnavailable }, $"the orphaned replica answered {orphan}");

        // The put either finished before the loss (the new object, whole) or failed (the old one, whole).
        var expected = outcome is null ? big : old;
        for (var r = 0; r < 2; r++)
        {
            using var get = await cluster.Client(r).GetObjectAsync(ReplicaCluster.Volume, key);
            Assert.Equal(expected, await Payloads.ReadAllAsync(get.ResponseStream));
            Assert.Equal(outcome is null ? $"\"{Payloads.Md5Hex(big)}\"" : put.ETag, get.ETag);
        }

        Assert.True(outcome is null or AmazonS3Exception { StatusCode: HttpStatusCode.ServiceUnavailable } or AmazonServiceException or IOException or HttpRequestException,
            $"the interrupted put ended with {outcome}");
    }
}
