using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Amazon.S3;
using Amazon.S3.Model;
using S3Spec.Testing;

namespace S3Spec.Replicas.Tests;

/// <summary>
/// kill -9 of a replica in the middle of a PutObject and of a CompleteMultipartUpload: the others never serve a torn
/// object, and once the killed replica is started again (its housekeeping on first use of the volume) no temp file
/// of it is left.
/// </summary>
[Collection(ReplicaCollection.Name)]
public sealed class ReplicaCrashTests(ReplicaCluster cluster)
{
    [Fact]
    public async Task A_replica_killed_mid_put_leaves_the_old_object_whole_and_no_temp_file_after_its_restart()
    {
        const string key = "crash/put.bin";
        var old = Payloads.Random(100_000);
        var put = await cluster.Client(1).PutObjectAsync(new PutObjectRequest { BucketName = ReplicaCluster.Volume, Key = key, InputStream = new MemoryStream(old) });
        var tmp = Path.Combine(cluster.DataRootOf(0), ReplicaCluster.Volume, ".s3compat_uploads", ".tmp");
        var before = TempFiles(tmp);

        // Half of a declared 8 MiB body reaches replica 0, then it is killed while its temp file is open.
        using (var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            var endpoint = cluster.Replica(0).Endpoint;
            await socket.ConnectAsync(IPAddress.Loopback, endpoint.Port);
            const int declared = 8 * 1024 * 1024;
            await socket.SendAsync(PutHeaders(endpoint, key, declared));
            await socket.SendAsync(Payloads.Random(declared / 2));
            await WaitForAsync(() => TempFiles(tmp).Except(before).Any(), "the replica's temp file");
            cluster.Replica(0).Kill();
        }

        for (var r = 1; r < ReplicaCluster.Size; r++)
        {
            using var get = await cluster.Client(r).GetObjectAsync(ReplicaCluster.Volume, key);
            Assert.Equal(put.ETag, get.ETag);
            Assert.Equal(old, await Payloads.ReadAllAsync(get.ResponseStream));
        }

        // Housekeeping removes a temp file whose writer's flock is free once it is older than the 10 s a writer may
        // take between creating and locking it; it runs when a (re)started replica first uses the volume.
        Assert.NotEmpty(TempFiles(tmp).Except(before));
        await Task.Delay(TimeSpan.FromSeconds(11));
        await cluster.RestartAsync(0);
        using (var after = await cluster.Client(0).GetObjectAsync(ReplicaCluster.Volume, key))
        {
            Assert.Equal(old, await Payloads.ReadAllAsync(after.ResponseStream));
        }

        Assert.Empty(TempFiles(tmp).Except(before));
    }

    [Fact]
    public async Task A_replica_killed_mid_complete_leaves_no_torn_object_and_the_complete_retried_elsewhere_succeeds()
    {
        for (var round = 0; round < 3; round++)
        {
            var key = $"crash/complete-{round}.bin";
            var created = await cluster.Client(1).InitiateMultipartUploadAsync(ReplicaCluster.Volume, key);
            var parts = Enumerable.Range(0, 3).Select(p => Payloads.Random((5 * 1024 * 1024) + p)).ToList();
            var etags = new List<PartETag>();
            for (var p = 0; p < parts.Count; p++)
            {
                var part = await cluster.Client(p).UploadPartAsync(new UploadPartRequest
                {
                    BucketName = ReplicaCluster.Volume, Key = key, UploadId = created.UploadId, PartNumber = p + 1, InputStream = new MemoryStream(parts[p]),
                });
                etags.Add(new PartETag(p + 1, part.ETag));
            }

            var request = new CompleteMultipartUploadRequest { BucketName = ReplicaCluster.Volume, Key = key, UploadId = created.UploadId, PartETags = etags };

            // The kill lands somewhere in (or after) the Complete on replica 0: a little later each round.
            var complete = cluster.Client(0).CompleteMultipartUploadAsync(request);
            await Task.Delay(TimeSpan.FromMilliseconds(5 + (round * 40)));
            cluster.Replica(0).Kill();
            await Task.WhenAny(complete);

            // Whatever the kill interrupted: the object is absent or whole, never torn, through the other replicas.
            var expected = Payloads.Concat(parts);
            try
            {
                using var seen = await cluster.Client(2).GetObjectAsync(ReplicaCluster.Volume, key);
                Assert.Equal(expected, await Payloads.ReadAllAsync(seen.ResponseStream));
            }
            catch (AmazonS3Exception e) when (e.ErrorCode == "NoSuchKey")
            {
                // Killed before the publish.
            }

            await cluster.RestartAsync(0);
            var retried = await CompleteRetryingConflictAsync(cluster.Client(2), request);
            Assert.Equal(Payloads.MultipartETag(parts), retried.ETag);
            for (var r = 0; r < ReplicaCluster.Size; r++)
            {
                using var get = await cluster.Client(r).GetObjectAsync(ReplicaCluster.Volume, key);
                Assert.Equal(retried.ETag, get.ETag);
                Assert.Equal(expected, await Payloads.ReadAllAsync(get.ResponseStream));
            }
        }

        // What the kills left (an assembly temp file whose writer died) is older than the writer's grace after 11 s
        // and goes with the housekeeping of the next start.
        var staging = Path.Combine(cluster.DataRootOf(1), ReplicaCluster.Volume, ".s3compat_uploads");
        Assert.Empty(Directory.EnumerateDirectories(staging, ".completing-*"));
        await Task.Delay(TimeSpan.FromSeconds(11));
        await cluster.RestartAsync(0);
        await cluster.Client(0).GetObjectMetadataAsync(ReplicaCluster.Volume, "crash/complete-0.bin");
        Assert.Empty(TempFiles(Path.Combine(staging, ".tmp")));
    }

    /// <summary>A Complete another replica is still finishing answers 409 ConditionalRequestConflict: retried, as a client does.</summary>
    private static async Task<CompleteMultipartUploadResponse> CompleteRetryingConflictAsync(AmazonS3Client client, CompleteMultipartUploadRequest request)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await client.CompleteMultipartUploadAsync(request);
            }
            catch (AmazonS3Exception e) when (e.ErrorCode == "ConditionalRequestConflict" && attempt < 50)
            {
                await Task.Delay(200);
            }
        }
    }

    private static string[] TempFiles(string tmp) => Directory.Exists(tmp) ? Directory.GetFiles(tmp) : [];

    private static async Task WaitForAsync(Func<bool> condition, string what)
    {
        for (var i = 0; i < 600; i++)
        {
            if (condition())
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"waited 30 s for {what}");
    }

    private static byte[] PutHeaders(Uri endpoint, string key, long length)
    {
        var credentials = ReplicaCredentials.Default;
        var target = $"/{ReplicaCluster.Volume}/{S3Uri.Encode(key, keepSlash: true)}";
        var headers = new List<KeyValuePair<string, string>> { new("content-length", length.ToString(CultureInfo.InvariantCulture)) };
        TestSigner.SignHeaders("PUT", target, headers, TestSigner.UnsignedPayload,
            new SigningCredentials(credentials.AccessKey, credentials.SecretKey, credentials.Region), DateTimeOffset.UtcNow, $"{endpoint.Host}:{endpoint.Port}");
        var text = new StringBuilder($"PUT {target} HTTP/1.1\r\n");
        foreach (var (name, value) in headers)
        {
            text.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        return Encoding.ASCII.GetBytes(text.Append("\r\n").ToString());
    }
}
