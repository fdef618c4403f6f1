using System.Buffers;
using System.Collections.Concurrent;
using Microsoft.AspNetCore.Connections;

namespace S3Spec.Server.Hosting;

/// <summary>
/// Kestrel's buffer pool with 64 KiB pinned blocks instead of 4 KiB: a socket read fills one block, so a request body
/// arrives in 16 times fewer receive calls and pipe hand-offs (docs/performance.md). Idle blocks kept: bounded.
/// </summary>
internal sealed class LargeBlockMemoryPool : MemoryPool<byte>
{
    public const int BlockSize = 64 * 1024;
    private const int MaxRetained = 512;

    private readonly ConcurrentQueue<byte[]> free = new();
    private int retained;

    public override int MaxBufferSize => BlockSize;

    public override IMemoryOwner<byte> Rent(int minBufferSize = -1)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minBufferSize, BlockSize);
        if (free.TryDequeue(out var block))
        {
            Interlocked.Decrement(ref retained);
        }
        else
        {
            block = GC.AllocateUninitializedArray<byte>(BlockSize, pinned: true);
        }

        return new Lease(this, block);
    }

    private void Return(byte[] block)
    {
        if (Interlocked.Increment(ref retained) <= MaxRetained)
        {
            free.Enqueue(block);
        }
        else
        {
            Interlocked.Decrement(ref retained);
        }
    }

    protected override void Dispose(bool disposing)
    {
        free.Clear();
    }

    private sealed class Lease(LargeBlockMemoryPool pool, byte[] block) : IMemoryOwner<byte>
    {
        private byte[]? block = block;

        public Memory<byte> Memory => block ?? throw new ObjectDisposedException(nameof(Lease));

        public void Dispose()
        {
            if (Interlocked.Exchange(ref block, null) is { } b)
            {
                pool.Return(b);
            }
        }
    }
}

/// <summary>Hands Kestrel (transport and HTTP layers) the large-block pool.</summary>
internal sealed class LargeBlockMemoryPoolFactory : IMemoryPoolFactory<byte>
{
    public MemoryPool<byte> Create(MemoryPoolOptions? options = null) => new LargeBlockMemoryPool();
}
