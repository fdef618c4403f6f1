using System.Buffers;
using System.IO.Pipelines;

namespace S3Spec.Auth.Tests;

/// <summary>A PipeReader over a byte array that makes only <c>step</c> more bytes visible each time the reader has examined all it had.</summary>
internal sealed class DribblePipeReader(byte[] data, int step) : PipeReader
{
    private int _consumed;
    private int _visible;
    private bool _examinedAll = true;

    public override ValueTask<ReadResult> ReadAsync(CancellationToken cancellationToken = default)
    {
        if (_examinedAll)
        {
            _visible = Math.Min(data.Length, _visible + step);
        }

        var buffer = new ReadOnlySequence<byte>(data, _consumed, _visible - _consumed);
        return ValueTask.FromResult(new ReadResult(buffer, isCanceled: false, isCompleted: _visible == data.Length));
    }

    public override bool TryRead(out ReadResult result)
    {
        result = ReadAsync().Result;
        return true;
    }

    public override void AdvanceTo(SequencePosition consumed) => AdvanceTo(consumed, consumed);

    public override void AdvanceTo(SequencePosition consumed, SequencePosition examined)
    {
        _consumed = consumed.GetInteger();
        _examinedAll = examined.GetInteger() >= _visible;
    }

    public override void CancelPendingRead()
    {
    }

    public override void Complete(Exception? exception = null)
    {
    }
}
