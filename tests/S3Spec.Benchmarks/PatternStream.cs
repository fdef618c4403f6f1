namespace S3Spec.Benchmarks;

/// <summary>A seekable read-only stream of a given length repeating 1 MiB of random bytes (no disk, little CPU).</summary>
internal sealed class PatternStream(long length) : Stream
{
    private static readonly byte[] Pattern = MakePattern();
    private long position;

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => position;
        set => position = value;
    }

    public static ReadOnlyMemory<byte> Bytes(int count) => Pattern.AsMemory(0, count);

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var total = 0;
        while (total < buffer.Length && position < length)
        {
            var at = (int)(position % Pattern.Length);
            var n = (int)Math.Min(Math.Min(buffer.Length - total, Pattern.Length - at), length - position);
            Pattern.AsSpan(at, n).CopyTo(buffer[total..]);
            total += n;
            position += n;
        }

        return total;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override long Seek(long offset, SeekOrigin origin)
    {
        position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => position + offset,
            _ => length + offset,
        };
        return position;
    }

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private static byte[] MakePattern()
    {
        var bytes = new byte[1 << 20];
        new Random(42).NextBytes(bytes);
        return bytes;
    }
}
