using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using S3Spec.Core.Errors;
using S3Spec.Storage.Contract;

namespace S3Spec.Storage.Tests.Maintenance;

public class HashRunTests
{
    private static string Md5ETag(string content) => "\"" + Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(content))) + "\"";

    private static async Task<string> ETagOf(TestVolume v, string key) => (await v.Store.HeadObjectAsync(TestVolume.Name, key, default)).ETag;

    private static string ProgressPath(TestVolume v) => Path.Combine(v.VolumePath, ".s3compat_uploads", ".hash-progress");

    [Theory]
    [InlineData("auto")]
    [InlineData("sidecar")]
    public async Task External_and_stale_files_get_their_true_md5_and_known_ones_are_left(string metadataStore)
    {
        using var v = new TestVolume(metadataStore);
        v.WriteFile("a.txt", "alpha");
        v.WriteFile("b/c.txt", "gamma");
        await v.PutAsync("known", "kept", new ObjectMetadata { ContentType = "text/k" });
        await v.PutAsync("stale", "before");
        File.WriteAllText(v.PathOf("stale"), "after, rewritten outside");
        Assert.Contains('-', await ETagOf(v, "a.txt"));

        var report = await v.Store.Maintenance.HashExternalObjectsAsync(TestVolume.Name, new HashOptions(), default);

        Assert.Equal(new HashReport(3, 1, 0, false), report);
        Assert.Equal(Md5ETag("alpha"), await ETagOf(v, "a.txt"));
        Assert.Equal(Md5ETag("gamma"), await ETagOf(v, "b/c.txt"));
        Assert.Equal(Md5ETag("after, rewritten outside"), await ETagOf(v, "stale"));
        Assert.Equal("text/k", (await v.Store.HeadObjectAsync(TestVolume.Name, "known", default)).Metadata.ContentType);
        Assert.False(File.Exists(ProgressPath(v)));

        var again = await v.Store.Maintenance.HashExternalObjectsAsync(TestVolume.Name, new HashOptions { BytesPerSecond = 1 << 30 }, default);
        Assert.Equal(new HashReport(0, 4, 0, false), again);
    }

    [Fact]
    public async Task A_file_changed_while_it_is_hashed_keeps_its_external_etag()
    {
        using var v = new TestVolume();
        v.WriteFile("moving", "version one");
        v.WriteFile("still", "quiet");
        v.Store.Hasher.AfterHash = (key, _) =>
        {
            if (key == "moving")
            {
                File.WriteAllText(v.PathOf("moving"), "version two, longer");
            }

            return Task.CompletedTask;
        };

        var report = await v.Store.Maintenance.HashExternalObjectsAsync(TestVolume.Name, new HashOptions(), default);

        Assert.Equal(new HashReport(1, 0, 1, false), report);
        var etag = await ETagOf(v, "moving");
        Assert.Contains('-', etag);
        Assert.NotEqual(Md5ETag("version one"), etag);
        Assert.NotEqual(Md5ETag("version two, longer"), etag);
        Assert.Equal(Md5ETag("quiet"), await ETagOf(v, "still"));
    }

    [Fact]
    public async Task A_cancelled_run_resumes_after_the_last_finished_key()
    {
        using var v = new TestVolume();
        foreach (var name in new[] { "f1", "f2", "f3", "g/f4" })
        {
            v.WriteFile(name, "content of " + name);
        }

        using var cts = new CancellationTokenSource();
        v.Store.Hasher.AfterHash = (key, ct) =>
        {
            if (key == "f2")
            {
                cts.Cancel();
                ct.ThrowIfCancellationRequested();
            }

            return Task.CompletedTask;
        };
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => v.Store.Maintenance.HashExternalObjectsAsync(TestVolume.Name, new HashOptions(), cts.Token));
        Assert.Equal("f1", File.ReadAllText(ProgressPath(v)));
        Assert.Equal(Md5ETag("content of f1"), await ETagOf(v, "f1"));
        Assert.Contains('-', await ETagOf(v, "f2"));

        v.Store.Hasher.AfterHash = null;
        var report = await v.Store.Maintenance.HashExternalObjectsAsync(TestVolume.Name, new HashOptions(), default);

        Assert.Equal(new HashReport(3, 0, 0, true), report); // f1 is not visited again
        Assert.Equal(Md5ETag("content of g/f4"), await ETagOf(v, "g/f4"));
        Assert.False(File.Exists(ProgressPath(v)));
    }

    [Fact]
    public async Task A_second_concurrent_run_is_refused()
    {
        using var v = new TestVolume();
        v.WriteFile("x", "data");
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        v.Store.Hasher.AfterHash = async (_, _) =>
        {
            entered.SetResult();
            await release.Task;
        };
        var first = v.Store.Maintenance.HashExternalObjectsAsync(TestVolume.Name, new HashOptions(), default);
        await entered.Task;

        var other = new PosixObjectStore(v.Options, TimeProvider.System, NullLogger<PosixObjectStore>.Instance);
        var e = await Assert.ThrowsAsync<S3Exception>(() => other.Maintenance.HashExternalObjectsAsync(TestVolume.Name, new HashOptions(), default));
        Assert.Same(S3Errors.OperationAborted, e.Error);
        Assert.Equal(409, e.Error.Status);

        release.SetResult();
        Assert.Equal(1, (await first).Hashed);
        Assert.Equal(0, (await other.Maintenance.HashExternalObjectsAsync(TestVolume.Name, new HashOptions(), default)).Hashed);
    }

    [Fact]
    public async Task Throttle_waits_until_the_bytes_read_are_due()
    {
        var time = new RecordingTime();
        var throttle = new S3Spec.Storage.Maintenance.HashThrottle(time, 1000);
        await throttle.WaitAsync(500, default);
        await throttle.WaitAsync(1500, default);
        Assert.Equal([TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(2)], time.Delays);

        var free = new S3Spec.Storage.Maintenance.HashThrottle(time, null);
        await free.WaitAsync(1 << 30, default);
        Assert.Equal(2, time.Delays.Count);
    }

    /// <summary>A clock that never advances and fires every timer at once, recording the requested delays.</summary>
    private sealed class RecordingTime : TimeProvider
    {
        public List<TimeSpan> Delays { get; } = [];

        public override long GetTimestamp() => 0;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            if (dueTime != Timeout.InfiniteTimeSpan)
            {
                Delays.Add(dueTime);
                ThreadPool.QueueUserWorkItem(_ => callback(state));
            }

            return new NoTimer();
        }

        private sealed class NoTimer : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) => true;

            public void Dispose()
            {
            }

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }
}
