using S3Spec.Core.Errors;
using S3Spec.Posix;
using S3Spec.Storage.Posix;

namespace S3Spec.Storage.Tests.Posix;

/// <summary>
/// ESTALE (a path resolved to a file another client of a network filesystem replaced) is looked up again a bounded
/// number of times before it is answered 503; other errors are not retried.
/// </summary>
public sealed class StaleRetryTests
{
    private readonly List<TimeSpan> waits = [];

    [Fact]
    public void A_lookup_that_is_stale_until_the_last_attempt_is_answered_by_it_after_the_backoff()
    {
        var calls = 0;
        var result = StaleRetry.Run(0, _ => ++calls < StaleRetry.Attempts ? throw FsErrors.Map(Errno.ESTALE, FsOp.Read, "fstat") : "fresh", waits.Add);
        Assert.Equal("fresh", result);
        Assert.Equal(StaleRetry.Attempts, calls);
        Assert.Equal(StaleRetry.Backoff, waits);
    }

    [Fact]
    public void The_backoff_outlasts_a_second_of_cached_stale_entries()
    {
        // GlusterFS with its default caches answered ESTALE for about a second after another client's overwrite.
        var total = StaleRetry.Backoff.Aggregate(TimeSpan.Zero, (a, b) => a + b);
        Assert.InRange(total, TimeSpan.FromSeconds(1.2), TimeSpan.FromSeconds(2));
    }

    [Fact]
    public void A_lookup_stale_on_every_attempt_is_storage_unavailable_after_the_last()
    {
        var calls = 0;
        var e = Assert.Throws<S3Exception>(() => StaleRetry.Run(0, int (_) =>
        {
            calls++;
            throw FsErrors.Map(Errno.ESTALE, FsOp.Read, "open object");
        }, waits.Add));
        Assert.Equal(S3Errors.StorageUnavailable, e.Error);
        Assert.Equal(StaleRetry.Attempts, calls);
    }

    [Fact]
    public void A_fresh_lookup_does_not_wait()
    {
        Assert.Equal(7, StaleRetry.Run(7, s => s, waits.Add));
        Assert.Empty(waits);
    }

    [Theory]
    [InlineData(Errno.ENOENT)]
    [InlineData(Errno.EIO)]
    [InlineData(Errno.ENOTCONN)]
    public void Other_errors_are_not_retried(int errno)
    {
        var calls = 0;
        Assert.Throws<S3Exception>(() => StaleRetry.Run(0, int (_) =>
        {
            calls++;
            throw FsErrors.Map(errno, FsOp.Read, "open object");
        }, waits.Add));
        Assert.Equal(1, calls);
        Assert.Empty(waits);
    }

    [Fact]
    public void Stale_managed_io_is_recognised_as_stale()
    {
        var io = new IOException("read", Errno.ESTALE);
        Assert.True(FsErrors.IsStale(FsErrors.FromIo(io, FsOp.Read, "read")));
        Assert.False(FsErrors.IsStale(FsErrors.FromIo(new IOException("read", Errno.EIO), FsOp.Read, "read")));
        Assert.False(FsErrors.IsStale(new S3Exception(S3Errors.StorageUnavailable)));
    }
}
