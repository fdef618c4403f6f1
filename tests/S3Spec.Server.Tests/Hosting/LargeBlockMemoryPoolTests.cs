using S3Spec.Server.Hosting;

namespace S3Spec.Server.Tests.Hosting;

public sealed class LargeBlockMemoryPoolTests
{
    [Fact]
    public void Every_lease_is_a_whole_64_KiB_block_and_returned_blocks_are_reused()
    {
        using var pool = new LargeBlockMemoryPoolFactory().Create();
        Assert.Equal(LargeBlockMemoryPool.BlockSize, pool.MaxBufferSize);
        var first = pool.Rent(100);
        Assert.Equal(64 * 1024, first.Memory.Length);
        first.Memory.Span[0] = 42;
        var array = first.Memory;
        first.Dispose();
        first.Dispose(); // a second dispose must not return the block twice

        using var second = pool.Rent();
        using var third = pool.Rent();
        Assert.True(second.Memory.Equals(array), "the returned block is handed out again");
        Assert.False(third.Memory.Equals(array), "a block is never leased twice at once");
        Assert.Throws<ObjectDisposedException>(() => first.Memory);
    }

    [Fact]
    public void A_request_larger_than_a_block_is_refused()
    {
        using var pool = new LargeBlockMemoryPool();
        Assert.Throws<ArgumentOutOfRangeException>(() => pool.Rent(LargeBlockMemoryPool.BlockSize + 1));
    }

    [Fact]
    public void At_most_512_idle_blocks_are_kept()
    {
        using var pool = new LargeBlockMemoryPool();
        var leases = Enumerable.Range(0, 600).Select(_ => pool.Rent()).ToList();
        var blocks = leases.Select(l => l.Memory).ToList();
        leases.ForEach(l => l.Dispose());
        var again = Enumerable.Range(0, 600).Select(_ => pool.Rent()).ToList();
        var reused = again.Count(l => blocks.Any(b => b.Equals(l.Memory)));
        Assert.Equal(512, reused);
        again.ForEach(l => l.Dispose());
    }
}
