using S3Spec.Core.Errors;
using S3Spec.Posix;
using S3Spec.Storage.Contract;
using S3Spec.Storage.Posix;

namespace S3Spec.Storage.Tests.Posix;

/// <summary>
/// The volume root's descriptor is cached across operations (docs/storage.md, "Volume roots"): a directory put in
/// the volume's place, or removed, is seen by the next operation, and a descriptor is never closed while an
/// operation still holds it.
/// </summary>
public sealed class VolumeRootCacheTests
{
    [Fact]
    public async Task A_volume_directory_replaced_between_two_reads_serves_the_new_directory()
    {
        using var v = new TestVolume();
        await v.PutAsync("a", "old");
        Assert.Equal("old", await v.ReadAsync("a"));

        Directory.Move(v.VolumePath, Path.Combine(v.DataRoot, "vol1-away"));
        Directory.CreateDirectory(v.VolumePath);
        File.WriteAllText(v.PathOf("b"), "new");

        Assert.Equal("new", await v.ReadAsync("b"));
        Assert.Same(S3Errors.NoSuchKey, await TestVolume.ErrorOf(() => v.ReadAsync("a")));
        await v.PutAsync("c", "written");
        Assert.True(File.Exists(v.PathOf("c")));
        Assert.False(File.Exists(Path.Combine(v.DataRoot, "vol1-away", "c")));
    }

    [Fact]
    public async Task A_removed_volume_answers_NoSuchBucket_and_one_created_again_is_served()
    {
        using var v = new TestVolume();
        await v.PutAsync("a", "1");
        Assert.Equal("1", await v.ReadAsync("a"));

        Directory.Delete(v.VolumePath, recursive: true);
        Assert.Same(S3Errors.NoSuchBucket, await TestVolume.ErrorOf(() => v.ReadAsync("a")));
        Assert.Same(S3Errors.NoSuchBucket, await TestVolume.ErrorOf(() => v.PutAsync("a", "2")));

        File.WriteAllText(v.VolumePath, "a file where the volume was");
        Assert.Same(S3Errors.NoSuchBucket, await TestVolume.ErrorOf(() => v.ReadAsync("a")));
        File.Delete(v.VolumePath);

        Directory.CreateDirectory(v.VolumePath);
        File.WriteAllText(v.PathOf("a"), "again");
        Assert.Equal("again", await v.ReadAsync("a"));
    }

    [Fact]
    public async Task A_symlinked_volume_follows_its_link_when_the_link_is_pointed_elsewhere()
    {
        using var v = new TestVolume();
        var first = Directory.CreateDirectory(Path.Combine(v.DataRoot, "first")).FullName;
        var second = Directory.CreateDirectory(Path.Combine(v.DataRoot, "second")).FullName;
        File.WriteAllText(Path.Combine(first, "k"), "first");
        File.WriteAllText(Path.Combine(second, "k"), "second");
        var link = Path.Combine(v.DataRoot, "linked");
        File.CreateSymbolicLink(link, first);
        Assert.Equal("first", await Read(v.Store, "linked", "k"));

        File.Delete(link);
        File.CreateSymbolicLink(link, second);
        Assert.Equal("second", await Read(v.Store, "linked", "k"));
    }

    [Fact]
    public void A_lease_keeps_its_descriptor_open_after_the_directory_was_replaced_and_the_last_lease_closes_it()
    {
        using var v = new TestVolume();
        var registry = new VolumeRegistry(v.Options, new Confinement(forceFallback: false));
        File.WriteAllText(v.PathOf("old"), "o");
        var held = registry.Open(TestVolume.Name);
        using (var again = registry.Open(TestVolume.Name))
        {
            Assert.Same(held.Root, again.Root);
        }

        Directory.Move(v.VolumePath, Path.Combine(v.DataRoot, "vol1-away"));
        Directory.CreateDirectory(v.VolumePath);
        var replaced = registry.Open(TestVolume.Name);
        Assert.NotSame(held.Root, replaced.Root);
        Assert.Equal(Errno.ENOENT, Fs.TryStatAt(replaced.Root, "old", follow: false, out _));

        // The replaced root is retired, not closed: the operation that holds it still resolves beneath it.
        Assert.False(held.Root.IsClosed);
        Assert.Equal(0, Fs.TryStatAt(held.Root, "old", follow: false, out _));
        var oldRoot = held.Root;
        held.Dispose();
        held.Dispose();
        Assert.True(oldRoot.IsClosed);

        // The current root stays open between operations and closes when the volume goes away and its lease ends.
        var current = replaced.Root;
        replaced.Dispose();
        Assert.False(current.IsClosed);
        Directory.Delete(v.VolumePath, recursive: true);
        Assert.Same(S3Errors.NoSuchBucket, Assert.Throws<S3Exception>(() => registry.Open(TestVolume.Name)).Error);
        Assert.True(current.IsClosed);
    }

    [Fact]
    public async Task Reads_during_swaps_never_fail_and_never_see_a_directory_swapped_out_before_they_started()
    {
        using var v = new TestVolume();
        File.WriteAllText(v.PathOf("gen"), "0");
        var published = 0;
        using var stop = new CancellationTokenSource();
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var reads = 0;

        async Task Reader()
        {
            while (!stop.IsCancellationRequested)
            {
                var before = Volatile.Read(ref published);
                try
                {
                    var seen = int.Parse(await v.ReadAsync("gen"), System.Globalization.CultureInfo.InvariantCulture);
                    if (seen < before)
                    {
                        failures.Enqueue($"read generation {seen} after generation {before} was swapped in");
                    }
                }
                catch (S3Exception e) when (e.Error == S3Errors.NoSuchKey && Volatile.Read(ref published) > before)
                {
                    // Started before a swap and resolved in the directory that was swapped out and removed meanwhile.
                }
                catch (Exception e)
                {
                    failures.Enqueue(e.ToString());
                }

                Interlocked.Increment(ref reads);
            }
        }

        var readers = Enumerable.Range(0, 4).Select(_ => Task.Run(Reader)).ToArray();
        for (var g = 1; g <= 200; g++)
        {
            var next = Path.Combine(v.DataRoot, "next-" + g);
            Directory.CreateDirectory(next);
            File.WriteAllText(Path.Combine(next, "gen"), g.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(0, Libc.RenameAt2(Libc.AT_FDCWD, next, Libc.AT_FDCWD, v.VolumePath, Libc.RENAME_EXCHANGE));
            Volatile.Write(ref published, g);

            // The directory swapped out is removed: a read still resolving in it would answer NoSuchKey.
            Directory.Delete(next, recursive: true);
            await Task.Yield();
        }

        await stop.CancelAsync();
        await Task.WhenAll(readers);
        Assert.Empty(failures);
        Assert.True(reads > 200, $"only {reads} reads");
    }

    private static async Task<string> Read(PosixObjectStore store, string volume, string key)
    {
        await using var reader = await store.OpenObjectAsync(volume, key, CancellationToken.None);
        using var ms = new MemoryStream();
        await reader.CopyToAsync(ms, 0, reader.Info.Size, CancellationToken.None);
        return System.Text.Encoding.UTF8.GetString(ms.ToArray());
    }
}
