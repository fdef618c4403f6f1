using S3Spec.Storage.Contract;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using S3Spec.Core.Errors;
using S3Spec.Storage.Posix;

namespace S3Spec.Storage.Tests.Writing;

/// <summary>
/// The durable publish (docs/storage.md "Durability"): every PutObject, also among concurrent writers, answers only
/// after an fsync of its file's data and then one of its directory that covers its rename have ended; a write makes
/// exactly those two fsyncs; a failed fsync fails its write and loses nothing else.
/// </summary>
public class DurableWriteTests
{
    private const int Writers = 24;

    [Fact]
    public async Task No_answer_precedes_the_fsyncs_that_cover_its_data_and_its_name()
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
    public async Task A_failed_directory_fsync_fails_its_write_and_loses_nothing_else()
    {
        using var v = new TestVolume();
        var sync = new RecordingSync { Delay = TimeSpan.Zero };
        var store = Store(v, sync);
        await Put(store, "d/keep", "kept");
        sync.FailDirectories(1);

        Assert.Same(S3Errors.StorageUnavailable, await TestVolume.ErrorOf(() => Put(store, "d/unsure", "data")));

        // The rename happened before the failed fsync: the object is visible (it may not survive a crash, as after any
        // write whose answer was lost); nothing else is touched, a later write succeeds, no temp file is left.
        Assert.Single(sync.Flushes, f => f.Directory && f.Errno != 0);
        Assert.Equal("kept", await v.ReadAsync("d/keep"));
        await Put(store, "d/after", "after");
        Assert.Equal("after", await v.ReadAsync("d/after"));
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
