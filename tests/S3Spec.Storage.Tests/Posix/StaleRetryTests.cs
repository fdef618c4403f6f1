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
    [Fact]
    public void A_lookup_that_is_stale_twice_is_answered_by_the_third()
    {
        var calls = 0;
        var result = StaleRetry.Run(0, _ => ++calls < StaleRetry.Attempts ? throw FsErrors.Map(Errno.ESTALE, FsOp.Read, "fstat") : "fresh");
        Assert.Equal("fresh", result);
        Assert.Equal(StaleRetry.Attempts, calls);
    }

    [Fact]
    public void A_lookup_stale_on_every_attempt_is_storage_unavailable_after_the_last()
    {
        var calls = 0;
        var e = Assert.Throws<S3Exception>(() => StaleRetry.Run(0, int (_) =>
        {
            calls++;
            throw FsErrors.Map(Errno.ESTALE, FsOp.Read, "open object");
        }));
        Assert.Equal(S3Errors.StorageUnavailable, e.Error);
        Assert.Equal(StaleRetry.Attempts, calls);
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
        }));
        Assert.Equal(1, calls);
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
