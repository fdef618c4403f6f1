using System.Buffers;

namespace S3Spec.Server.Xml;

/// <summary>
/// The write-only stream a synchronous <see cref="System.Xml.XmlWriter"/> fills: bytes gather in one pooled array
/// (grown by doubling) until <see cref="DrainAsync"/> hands them to the response and starts again at the front.
/// </summary>
internal sealed class XmlOutputBuffer : Stream
{
    private byte[] buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
    private int length;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    /// <summary>Bytes written and not yet drained.</summary>
    public override long Length => length;

    public override long Position
    {
        get => length;
        set => throw new NotSupportedException();
    }

    /// <summary>Writes the buffered bytes to <paramref name="output"/> and empties the buffer.</summary>
    public async ValueTask DrainAsync(Stream output)
    {
        if (length > 0)
        {
            await output.WriteAsync(buffer.AsMemory(0, length), CancellationToken.None);
            length = 0;
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> source)
    {
        if (length + source.Length > buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(buffer.Length * 2, length + source.Length));
            buffer.AsSpan(0, length).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = larger;
        }

        source.CopyTo(buffer.AsSpan(length));
        length += source.Length;
    }

    public override void WriteByte(byte value) => Write([value]);

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = [];
        }

        base.Dispose(disposing);
    }
}
