using System.Buffers;
using System.Threading.Channels;

namespace S3Spec.Server.Observability;

/// <summary>
/// The access log: requests hand their entry to a bounded queue and never wait; one background writer formats the
/// entries and writes them in batches of whole lines (one write call per batch, at most <see cref="MaxBatchBytes"/>
/// unless one line is longer). Disposal (the host's, after the server stopped) writes every queued line and flushes.
/// A full queue (the output cannot keep up) drops the entry and counts it in <see cref="Dropped"/>.
/// </summary>
internal sealed class AccessLog : IAsyncDisposable
{
    public const int DefaultCapacity = 65_536;

    /// <summary>PIPE_BUF: a write up to this size is never interleaved with another process's write to a pipe.</summary>
    public const int MaxBatchBytes = 4096;

    private readonly Channel<AccessLogEntry> _queue;
    private readonly Stream _output;
    private readonly AccessLogFormatter _formatter;
    private readonly Task _writer;
    private readonly Lock _late = new();
    private long _dropped;
    private volatile bool _closed;

    public AccessLog(Stream output, AccessLogFormatter formatter, int capacity = DefaultCapacity)
    {
        _output = output;
        _formatter = formatter;
        _queue = Channel.CreateBounded<AccessLogEntry>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>Entries dropped because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Queues one entry; never blocks. After disposal the line is written at once.</summary>
    public void Write(in AccessLogEntry entry)
    {
        if (_queue.Writer.TryWrite(entry))
        {
            return;
        }

        if (!_closed)
        {
            Interlocked.Increment(ref _dropped);
            return;
        }

        // A request that finished after the log was closed: written directly, so that no line is lost.
        var buffer = new ArrayBufferWriter<byte>(512);
        _formatter.Write(entry, buffer);
        Flush(buffer);
    }

    public async ValueTask DisposeAsync()
    {
        _closed = true;
        _queue.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
    }

    private async Task WriteLoopAsync()
    {
        var batch = new ArrayBufferWriter<byte>(MaxBatchBytes * 2);
        var line = new ArrayBufferWriter<byte>(1024);
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (reader.TryRead(out var entry))
            {
                line.ResetWrittenCount();
                _formatter.Write(entry, line);
                if (batch.WrittenCount > 0 && batch.WrittenCount + line.WrittenCount > MaxBatchBytes)
                {
                    Flush(batch);
                }

                batch.Write(line.WrittenSpan);
            }

            Flush(batch);
        }

        lock (_late)
        {
            _output.Flush();
        }
    }

    private void Flush(ArrayBufferWriter<byte> batch)
    {
        if (batch.WrittenCount == 0)
        {
            return;
        }

        lock (_late)
        {
            try
            {
                _output.Write(batch.WrittenSpan);
                _output.Flush();
            }
            catch (IOException)
            {
                // stdout closed (the collector went away): the lines are lost, the server goes on.
            }
        }

        batch.ResetWrittenCount();
    }
}
