using System.Net;
using Amazon.S3;
using Amazon.S3.Model;

namespace S3Spec.Replicas.Tests;

/// <summary>Multipart uploads whose steps go through different replicas over the shared staging folder.</summary>
[Collection(ReplicaCollection.Name)]
public sealed class MultipartReplicaTests(ReplicaCluster cluster)
{
    private const int PartSize = 1024 * 1024;

    [Fact]
    public async Task ConcurrentUploadsToOneKeyThroughDifferentReplicasCompleteToExactlyOneIntactObject()
    {
        const string key = "mpu/contended.bin";
        var uploads = new StagedUpload[ReplicaCluster.Size];
        for (var u = 0; u < uploads.Length; u++)
        {
            // Upload u is created through replica u; its part p goes through replica u + p.
            uploads[u] = await StageAsync(key, createdThrough: u, partCount: 3, firstPartReplica: u);
        }

        using var go = new ManualResetEventSlim();
        var completes = new Task<CompleteMultipartUploadResponse>[uploads.Length];
        for (var u = 0; u < uploads.Length; u++)
        {
            var upload = uploads[u];
            var replica = u + 1;
            completes[u] = Task.Run(async () =>
            {
                go.Wait();
                return await CompleteAsync(cluster.Client(replica), upload);
            });
        }

        go.Set();
        var results = await Task.WhenAll(completes);

        for (var u = 0; u < uploads.Length; u++)
        {
            Assert.Equal(HttpStatusCode.OK, results[u].HttpStatusCode);
            Assert.Equal(uploads[u].ExpectedETag, results[u].ETag);
        }

        using var get = await cluster.Client(0).GetObjectAsync(ReplicaCluster.Volume, key);
        var bytes = await Payloads.ReadAllAsync(get.ResponseStream);
        var winner = Assert.Single(uploads, u => u.Bytes.AsSpan().SequenceEqual(bytes));
        Assert.Equal(winner.ExpectedETag, get.ETag);

        foreach (var replica in Enumerable.Range(0, ReplicaCluster.Size))
        {
            var head = await cluster.Client(replica).GetObjectMetadataAsync(ReplicaCluster.Volume, key);
            Assert.Equal(winner.ExpectedETag, head.ETag);
            Assert.Equal(winner.Bytes.Length, head.ContentLength);
        }

        var pending = await cluster.Client(2).ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = ReplicaCluster.Volume, Prefix = "mpu/" });
        Assert.Empty(pending.MultipartUploads ?? []);
    }

    [Fact]
    public async Task CompleteRetriedOnAnotherReplicaAfterSuccessAnswersTheSameResult()
    {
        const string key = "mpu/retried.bin";
        var upload = await StageAsync(key, createdThrough: 0, partCount: 2, firstPartReplica: 0);

        var first = await CompleteAsync(cluster.Client(1), upload);
        Assert.Equal(HttpStatusCode.OK, first.HttpStatusCode);
        Assert.Equal(upload.ExpectedETag, first.ETag);

        // A client whose connection dropped after the first Complete succeeded retries, through a load balancer that
        // picks other replicas: the completion record answers the same result.
        foreach (var replica in (int[])[2, 0, 1])
        {
            var retry = await CompleteAsync(cluster.Client(replica), upload);
            Assert.Equal(HttpStatusCode.OK, retry.HttpStatusCode);
            Assert.Equal(first.ETag, retry.ETag);
            Assert.Equal(key, retry.Key);
        }

        using var get = await cluster.Client(2).GetObjectAsync(ReplicaCluster.Volume, key);
        Assert.Equal(upload.Bytes, await Payloads.ReadAllAsync(get.ResponseStream));
        Assert.Equal(first.ETag, get.ETag);

        var parts = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => cluster.Client(0).ListPartsAsync(ReplicaCluster.Volume, key, upload.UploadId));
        Assert.Equal("NoSuchUpload", parts.ErrorCode);
    }

    [Fact]
    public async Task UploadsStagedOnOneReplicaAreListedAndAbortedByTheOthers()
    {
        var first = await StageAsync("staged/a.bin", createdThrough: 0, partCount: 1, firstPartReplica: 1);
        var second = await StageAsync("staged/b.bin", createdThrough: 1, partCount: 2, firstPartReplica: 2);

        var listed = await cluster.Client(2).ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = ReplicaCluster.Volume, Prefix = "staged/" });
        var uploads = listed.MultipartUploads ?? [];
        Assert.Equal(["staged/a.bin", "staged/b.bin"], uploads.Select(u => u.Key));
        Assert.Equal([first.UploadId, second.UploadId], uploads.Select(u => u.UploadId));

        var parts = await cluster.Client(0).ListPartsAsync(ReplicaCluster.Volume, second.Key, second.UploadId);
        Assert.Equal([1, 2], (parts.Parts ?? []).Select(p => p.PartNumber ?? 0));
        Assert.Equal(second.PartETags, (parts.Parts ?? []).Select(p => p.ETag));

        await cluster.Client(2).AbortMultipartUploadAsync(ReplicaCluster.Volume, first.Key, first.UploadId);
        await cluster.Client(0).AbortMultipartUploadAsync(ReplicaCluster.Volume, second.Key, second.UploadId);

        var after = await cluster.Client(1).ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = ReplicaCluster.Volume, Prefix = "staged/" });
        Assert.Empty(after.MultipartUploads ?? []);
    }

    /// <summary>Creates an upload through one replica and uploads its parts round-robin through the replicas.</summary>
    private async Task<StagedUpload> StageAsync(string key, int createdThrough, int partCount, int firstPartReplica)
    {
        var created = await cluster.Client(createdThrough).InitiateMultipartUploadAsync(ReplicaCluster.Volume, key);
        var parts = new List<byte[]>();
        var etags = new List<string>();
        for (var p = 0; p < partCount; p++)
        {
            var data = Payloads.Random(PartSize + p);
            var part = await cluster.Client(firstPartReplica + p).UploadPartAsync(new UploadPartRequest
            {
                BucketName = ReplicaCluster.Volume,
                Key = key,
                UploadId = created.UploadId,
                PartNumber = p + 1,
                InputStream = new MemoryStream(data),
            });
            Assert.Equal($"\"{Payloads.Md5Hex(data)}\"", part.ETag);
            parts.Add(data);
            etags.Add(part.ETag);
        }

        return new StagedUpload(key, created.UploadId, etags, Payloads.Concat(parts), Payloads.MultipartETag(parts));
    }

    private static Task<CompleteMultipartUploadResponse> CompleteAsync(AmazonS3Client client, StagedUpload upload) =>
        client.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
        {
            BucketName = ReplicaCluster.Volume,
            Key = upload.Key,
            UploadId = upload.UploadId,
            PartETags = [.. upload.PartETags.Select((etag, i) => new PartETag(i + 1, etag))],
        });

    private sealed record StagedUpload(string Key, string UploadId, IReadOnlyList<string> PartETags, byte[] Bytes, string ExpectedETag);
}
