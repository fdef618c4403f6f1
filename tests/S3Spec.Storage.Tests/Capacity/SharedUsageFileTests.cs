using S3Spec.Storage.Capacity;

namespace S3Spec.Storage.Tests.Capacity;

/// <summary>The used-bytes counter shared through the data root (one file, flock): what replicas agree on.</summary>
public sealed class SharedUsageFileTests : IDisposable
{
    private readonly string dataRoot = Path.Combine(Path.GetTempPath(), "s3spec-shared-usage-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void Changes_through_separate_openings_of_the_file_add_up_exactly_under_contention()
    {
        // Each instance opens its own descriptor, as each replica does: flock excludes them from one another.
        var counters = Enumerable.Range(0, 4).Select(_ => SharedUsageFile.For(dataRoot, "vol", 42)).ToArray();
        Parallel.For(0, 4, i =>
        {
            for (var n = 0; n < 250; n++)
            {
                Assert.True(counters[i].TryApply(i % 2 == 0 ? 3 : 1, out _));
            }
        });

        Assert.True(SharedUsageFile.For(dataRoot, "vol", 42).TryRead(out var used, out var changes));
        Assert.Equal((2 * 250 * 3) + (2 * 250 * 1), used);
        Assert.Equal(used, changes);
    }

    [Fact]
    public void A_walk_keeps_the_changes_made_while_it_ran_and_the_count_never_goes_below_zero()
    {
        var replicaA = SharedUsageFile.For(dataRoot, "vol", 7);
        var replicaB = SharedUsageFile.For(dataRoot, "vol", 7);
        Assert.True(replicaA.TryApply(500, out _));
        Assert.True(replicaA.TryRead(out _, out var atStart));
        Assert.True(replicaB.TryApply(200, out _)); // written by another replica during the walk
        Assert.True(replicaA.TryCorrect(1000, atStart, out var corrected));
        Assert.Equal(1200, corrected);
        Assert.True(replicaB.TryApply(-5000, out var clamped));
        Assert.Equal(0, clamped);
    }

    [Fact]
    public void Volumes_and_recreated_volumes_count_apart()
    {
        Assert.True(SharedUsageFile.For(dataRoot, "vol", 1).TryApply(10, out _));
        Assert.True(SharedUsageFile.For(dataRoot, "vol", 2).TryRead(out var recreated, out _));
        Assert.True(SharedUsageFile.For(dataRoot, "other", 1).TryRead(out var other, out _));
        Assert.Equal(0, recreated);
        Assert.Equal(0, other);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(dataRoot, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
