using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using S3Spec.Server.Observability;

namespace S3Spec.Server.Tests.Observability;

/// <summary>The access log: every line written, batches of whole lines, a flush at dispose, drops counted when full.</summary>
public sealed partial class AccessLogTests
{
    private static readonly DateTimeOffset At = new(2025, 6, 1, 10, 0, 0, 123, TimeSpan.Zero);

    private static AccessLogEntry Entry(int i, string? key = "k/1") =>
        new(At, $"REQ{i:D8}", "GET", "GetObject", "vol1", key, 200, 0, 4096, 1.25);

    [Fact]
    public async Task EveryQueuedLineIsWrittenByDispose()
    {
        var output = new RecordingStream();
        var log = new AccessLog(output, new AccessLogFormatter(json: false));
        for (var i = 0; i < 20_000; i++)
        {
            log.Write(Entry(i));
        }

        await log.DisposeAsync();
        var ids = output.Text.Split('\n').Where(l => l.StartsWith("      REQ", StringComparison.Ordinal)).Select(l => l[6..17]).ToList();
        Assert.Equal(Enumerable.Range(0, 20_000).Select(i => $"REQ{i:D8}"), ids);
        Assert.Equal(0, log.Dropped);
        Assert.True(output.Flushed);
    }

    [Fact]
    public async Task EachWriteHoldsWholeLinesWithinTheBatchLimit()
    {
        var output = new RecordingStream();
        var log = new AccessLog(output, new AccessLogFormatter(json: false));
        for (var i = 0; i < 2_000; i++)
        {
            log.Write(Entry(i, key: i == 700 ? new string('x', 6000) : "k/1"));
        }

        await log.DisposeAsync();
        foreach (var write in output.Writes)
        {
            Assert.EndsWith(Environment.NewLine, write, StringComparison.Ordinal);
            Assert.StartsWith("info: ", write, StringComparison.Ordinal);
            Assert.True(Encoding.UTF8.GetByteCount(write) <= AccessLog.MaxBatchBytes || write.Contains(new string('x', 6000), StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task ALineAfterDisposeIsStillWritten()
    {
        var output = new RecordingStream();
        var log = new AccessLog(output, new AccessLogFormatter(json: false));
        await log.DisposeAsync();
        log.Write(Entry(7));
        Assert.Contains("REQ00000007 GET GetObject", output.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFullQueueDropsAndCountsWithoutBlocking()
    {
        var output = new RecordingStream { Gate = new ManualResetEventSlim(false) };
        var log = new AccessLog(output, new AccessLogFormatter(json: false), capacity: 4);
        for (var i = 0; i < 100; i++)
        {
            log.Write(Entry(i));
        }

        Assert.True(log.Dropped > 0);
        output.Gate.Set();
        await log.DisposeAsync();
        var written = output.Text.Split('\n').Count(l => l.StartsWith("      REQ", StringComparison.Ordinal));
        Assert.Equal(100, written + log.Dropped);
    }

    [Fact]
    public void TheSimpleLineIsTheConsoleLoggersTwoLineForm()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        new AccessLogFormatter(json: false).Write(Entry(1), buffer);
        var nl = Environment.NewLine;
        Assert.Equal(
            $"info: S3Spec.Server.Observability.AccessLogMiddleware[100]{nl}      REQ00000001 GET GetObject volume=vol1 key=k/1 status=200 in=0 out=4096 ms=1.2{nl}",
            Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    [Fact]
    public void TheMessageIsWhatTheGeneratedLoggerMethodRenders()
    {
        var capture = new CapturingLogger();
        foreach (var (volume, key) in new[] { ("vol1", "a b/c"), ((string?)null, (string?)null) })
        {
            var e = new AccessLogEntry(At, "REQ1", "PUT", "PutObject", volume, key, 404, 17, 0, 12.345);
            Reference(capture, e.RequestId, e.Method, e.Operation, e.Volume, e.Key, e.Status, e.BytesIn, e.BytesOut, e.DurationMs);
            Assert.Equal(capture.Last, AccessLogFormatter.Message(e));
        }
    }

    [Fact]
    public void TheJsonLineIsOneObjectWithTheLoggersFields()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        new AccessLogFormatter(json: true).Write(Entry(3, key: null), buffer);
        var text = Encoding.UTF8.GetString(buffer.WrittenSpan);
        Assert.EndsWith(Environment.NewLine, text, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', text.TrimEnd());
        using var doc = JsonDocument.Parse(text);
        var root = doc.RootElement;
        Assert.Equal("2025-06-01T10:00:00.123Z", root.GetProperty("Timestamp").GetString());
        Assert.Equal(100, root.GetProperty("EventId").GetInt32());
        Assert.Equal("Information", root.GetProperty("LogLevel").GetString());
        Assert.Equal(AccessLogFormatter.Category, root.GetProperty("Category").GetString());
        Assert.Equal("REQ00000003 GET GetObject volume=vol1 key= status=200 in=0 out=4096 ms=1.2", root.GetProperty("Message").GetString());
        var state = root.GetProperty("State");
        Assert.Equal(200, state.GetProperty("Status").GetInt32());
        Assert.Equal(4096, state.GetProperty("BytesOut").GetInt64());
        Assert.Equal(JsonValueKind.Null, state.GetProperty("Key").ValueKind);
        Assert.Equal("REQ00000003", root.GetProperty("Scopes")[0].GetProperty("S3RequestId").GetString());
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = AccessLogFormatter.Template)]
    private static partial void Reference(
        ILogger logger, string requestId, string method, string operation, string? volume, string? key, int status, long bytesIn, long bytesOut, double durationMs);

    private sealed class CapturingLogger : ILogger
    {
        public string? Last { get; private set; }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            => Last = formatter(state, exception);
    }

    private sealed class RecordingStream : Stream
    {
        private readonly MemoryStream _all = new();

        public ManualResetEventSlim? Gate { get; init; }

        public List<string> Writes { get; } = [];

        public bool Flushed { get; private set; }

        public string Text
        {
            get
            {
                lock (_all)
                {
                    return Encoding.UTF8.GetString(_all.ToArray());
                }
            }
        }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => Flushed = true;

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            Gate?.Wait();
            lock (_all)
            {
                _all.Write(buffer);
                Writes.Add(Encoding.UTF8.GetString(buffer));
            }
        }
    }
}
