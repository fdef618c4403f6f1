using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using S3Spec.Core.Errors;
using S3Spec.Storage.Posix;

namespace S3Spec.Storage.Tests.Writing;

/// <summary>
/// Group commit of the durable publish (docs/storage.md "Group commit"): every PutObject answers only after an fsync
/// of its file's data and one of its directory that covers its rename have ended, concurrent writers share those
/// fsyncs, a lone writer makes exactly the two it made before, and a failed fsync fails the writes of its round.
/// </summary>
public class GroupCommitTests
{
    private const int Writers = 24;

    [Fact]
    public async Task No_answer_precedes_the_fsyncs_that_cover_its_data_and_its_name_and_writers_share_them()
    {
        using var v = new TestVolume();
        var sync = new RecordingSync();
        var store = Store(v, sync);
        await Put(store, "batch/first", "x"); // the directory exists: every writer below renames into it

        var answers = await Task.WhenAll(Enumerable.Range(0, Writers).Select(i => Task.Run(async () =>
        {
            var key = $"batch/k{i:D2}";
            await Put(store, key, "object " + i);
            return Answer(v, sync, key);
        })));

        var flushes = sync.Flushes.ToArray();
        foreach (var answer in answers)
        {
            AssertCovered(flushes, answer);
        }

        // Shared: fewer directory fsyncs than renames into the directory.
        Assert.True(flushes.Count(f => f.Directory) - 1 < Writers, $"{flushes.Count(f => f.Directory) - 1} directory fsyncs for {Writers} writers");
    }

    [Fact]
    public async Task A_lone_writer_makes_one_fsync_of_its_file_and_one_of_its_directory()
    {
        using var v = new TestVolume();
        var sync = new RecordingSync { Delay = TimeSpan.Zero };
        var store = Store(v, sync);
        await Put(store, "d/first", "x");
        for (var i = 0; i < 3; i++)
        {
            var before = sync.Flushes.Count;
            await Put(store, $"d/k{i}", "content " + i);
            var answer = Answer(v, sync, $"d/k{i}");

            var mine = sync.Flushes.Skip(before).ToArray();
            Assert.Equal(2, mine.Length);
            Assert.False(mine[0].Directory);
            Assert.True(mine[1].Directory);
            AssertCovered(mine, answer);
        }
    }

    [Fact]
    public async Task A_failed_directory_fsync_fails_every_write_of_its_round_and_loses_nothing_else()
    {
        using var v = new TestVolume();
        var sync = new RecordingSync();
        var store = Store(v, sync);
        await Put(store, "batch/keep", "kept");
        var batchDir = v.PathOf("batch");

        // The first directory fsync of the burst waits until every writer has renamed (and so joined the next round);
        // that round and the one before fail with EIO.
        var held = 0;
        sync.BeforeFsync = directory =>
        {
            if (directory && Interlocked.Exchange(ref held, 1) == 0)
            {
                SpinWait.SpinUntil(() => Directory.GetFiles(batchDir).Length == Writers + 1, TimeSpan.FromSeconds(30));
                Thread.Sleep(50);
            }
        };
        sync.FailDirectories(2);
        var results = await Task.WhenAll(Enumerable.Range(0, Writers).Select(i => Task.Run(async () =>
        {
            var key = $"batch/k{i:D2}";
            try
            {
                await Put(store, key, "object " + i);
                return (Key: key, Error: (S3Error?)null, Answer: Answer(v, sync, key));
            }
            catch (S3Exception e)
            {
                return (Key: key, Error: e.Error, Answer: Answer(v, sync, key));
            }
        })));

        var flushes = sync.Flushes.ToArray();
        var failedFlushes = flushes.Where(f => f.Directory && f.Errno != 0).ToArray();
        Assert.Equal(2, failedFlushes.Length);
        var failed = results.Where(r => r.Error is not null).ToArray();
        Assert.All(failed, r => Assert.Same(S3Errors.StorageUnavailable, r.Error));

        // A round of several writers failed as a whole: more failed writes than failed fsyncs.
        Assert.True(failed.Length > failedFlushes.Length, $"{failed.Length} failed writes for {failedFlushes.Length} failed fsyncs");

        // A write failed only because a failed fsync was the one meant to cover it, and every success is covered by a good one.
        Assert.All(failed, r => Assert.Contains(failedFlushes, f => f.Names!.TryGetValue(Leaf(r.Key), out var ino) && ino == r.Answer.Ino));
        foreach (var ok in results.Where(r => r.Error is null))
        {
            AssertCovered(flushes, ok.Answer);
        }

        // Nothing else lost: the object written before is whole, a write after succeeds, no temp file is left.
        Assert.Equal("kept", await v.ReadAsync("batch/keep"));
        await Put(store, "batch/after", "after");
        Assert.Equal("after", await v.ReadAsync("batch/after"));
        Assert.Empty(v.TempFiles());
    }

    [Fact]
    public async Task A_failed_file_fsync_fails_the_write_before_its_rename()
    {
        using var v = new TestVolume();
        var sync = new RecordingSync { Delay = TimeSpan.Zero };
        var store = Store(v, sync);
        await Put(store, "d/keep", "kept");
        sync.FailFiles(1);

        Assert.Same(S3Errors.StorageUnavailable, await TestVolume.ErrorOf(() => Put(store, "d/lost", "data")));

        Assert.False(File.Exists(v.PathOf("d/lost")));
        Assert.Equal("kept", await v.ReadAsync("d/keep"));
        Assert.Empty(v.TempFiles());
    }

    private static PosixObjectStore Store(TestVolume v, RecordingSync sync) =>
        new(v.Options, TimeProvider.System, NullLogger<PosixObjectStore>.Instance, sync);

    private static Task<ObjectInfo> Put(IObjectStore store, string key, string content) =>
        store.PutObjectAsync(TestVolume.Name, key, new MemoryStream(Encoding.UTF8.GetBytes(content)),
            new PutObjectOptions { ContentLength = Encoding.UTF8.GetByteCount(content), Metadata = ObjectMetadata.Empty }, CancellationToken.None);

    /// <summary>The tick right after the answer, with the inode the key names then (0: no such file).</summary>
    private static AnswerAt Answer(TestVolume v, RecordingSync sync, string key)
    {
        var tick = sync.Tick();
        var ino = Fs.TryStatPath(v.PathOf(key), out var st) == 0 ? st.Ino : 0;
        return new AnswerAt(key, ino, tick);
    }

    /// <summary>A successful directory fsync that started with the name already naming the object ended before the answer, after a successful fsync of the object's data.</summary>
    private static void AssertCovered(RecordingSync.Flush[] flushes, AnswerAt answer)
    {
        Assert.NotEqual(0UL, answer.Ino);
        var name = flushes.Where(f => f.Directory && f.Errno == 0 && f.End < answer.Tick
            && f.Names!.TryGetValue(Leaf(answer.Key), out var ino) && ino == answer.Ino).ToArray();
        Assert.True(name.Length > 0, $"{answer.Key}: answered at {answer.Tick} before an fsync of its directory covered its rename");
        var dirStart = name.Min(f => f.Start);
        Assert.True(
            flushes.Any(f => !f.Directory && f.Errno == 0 && f.Ino == answer.Ino && f.End < dirStart),
            $"{answer.Key}: its name was on disk before its data was");
    }

    private static string Leaf(string key) => key[(key.LastIndexOf('/') + 1)..];

    private sealed record AnswerAt(string Key, ulong Ino, long Tick);
}
