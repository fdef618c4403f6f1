using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using S3Spec.Storage.Contract;
using S3Spec.Storage.Multipart;

namespace S3Spec.Storage.Tests.Multipart;

/// <summary>
/// A Complete stopped after any of its durable steps, as kill -9 would stop it (no clean-up runs, its locks are
/// released): the client's retry answers what the first Complete would have, and recovery leaves nothing behind —
/// an upload that was published is gone, one that was not is staged again. Both ways of assembling (the placed
/// parts' data file adopted, parts copied) and both ways of retrying (the same process, a fresh process after recovery).
/// </summary>
public sealed class CompleteCrashTests
{
    private const string Key = "dir/obj.bin";
    private static readonly string[] Bodies = [new('a', 64), new('b', 64), new('c', 10)];

    public static TheoryData<string, bool, bool> Points()
    {
        var data = new TheoryData<string, bool, bool>();
        foreach (var step in Enum.GetValues<CompleteStep>())
        {
            foreach (var placed in new[] { true, false })
            {
                data.Add(step.ToString(), placed, true);
                data.Add(step.ToString(), placed, false);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Points))]
    public async Task A_Complete_stopped_after_any_step_is_answered_alike_by_its_retry_and_leaves_nothing_behind(string stepName, bool placed, bool freshProcess)
    {
        var step = Enum.Parse<CompleteStep>(stepName);
        using var v = new TestVolume(configure: o => o.PlacedParts = placed);
        var id = (await v.Store.CreateMultipartUploadAsync(TestVolume.Name, Key, ObjectMetadata.Empty, "o", null, default)).UploadId;
        var parts = new List<CompletedPart>();
        var digests = new List<byte>();
        for (var n = 1; n <= Bodies.Length; n++)
        {
            var body = Encoding.ASCII.GetBytes(Bodies[n - 1]);
            var p = await v.Store.UploadPartAsync(TestVolume.Name, Key, id, n, new MemoryStream(body), new PutObjectOptions { ContentLength = body.Length }, default);
            parts.Add(new CompletedPart(n, p.ETag));
            digests.AddRange(MD5.HashData(body));
        }

        var staging = Path.Combine(v.VolumePath, ".s3compat_uploads");
        Assert.Equal(placed, File.Exists(Path.Combine(staging, id, "parts.data")));
        var expectedETag = "\"" + Convert.ToHexStringLower(MD5.HashData(digests.ToArray())) + "-3\"";

        v.Store.CompleteStepHook = s =>
        {
            if (s == step)
            {
                throw new SimulatedCrash();
            }
        };
        await Assert.ThrowsAsync<SimulatedCrash>(() => v.Store.CompleteMultipartUploadAsync(TestVolume.Name, Key, id, parts, CompleteOptions.None, default));
        v.Store.CompleteStepHook = null;

        var store = v.Store;
        if (freshProcess)
        {
            store = new PosixObjectStore(v.Options, TimeProvider.System, NullLogger<PosixObjectStore>.Instance);
            await store.Maintenance.RecoverAsync(default);
            var published = step >= CompleteStep.Published;
            var uploads = await store.ListMultipartUploadsAsync(TestVolume.Name, new ListUploadsRequest(), default);
            Assert.Equal(!published, uploads.Uploads.Any(u => u.UploadId == id));
            Assert.Equal(!published, Directory.Exists(Path.Combine(staging, id)));
            Assert.False(Directory.Exists(Path.Combine(staging, ".completing-" + id)));
        }

        var retried = await store.CompleteMultipartUploadAsync(TestVolume.Name, Key, id, parts, CompleteOptions.None, default);
        Assert.Equal(expectedETag, retried.ETag);
        Assert.Equal(138, retried.Size);
        Assert.Equal(string.Concat(Bodies), await v.ReadAsync(Key));
        Assert.Equal(expectedETag, (await store.HeadObjectAsync(TestVolume.Name, Key, default)).ETag);
        Assert.False(Directory.Exists(Path.Combine(staging, id)));
        Assert.False(Directory.Exists(Path.Combine(staging, ".completing-" + id)));
        Assert.Empty((await store.ListMultipartUploadsAsync(TestVolume.Name, new ListUploadsRequest(), default)).Uploads);

        var again = await store.CompleteMultipartUploadAsync(TestVolume.Name, Key, id, parts, CompleteOptions.None, default);
        Assert.Equal(expectedETag, again.ETag);
    }
}
