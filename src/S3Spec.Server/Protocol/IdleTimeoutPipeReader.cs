using System.IO.Pipelines;
using S3Spec.Core.Errors;

namespace S3Spec.Server.Protocol;

/// <summary>
/// A request body reader that ends an upload whose client stays silent: each read that has to wait arms a timer of
/// the idle timeout (setting RequestBodyIdleTimeout); when it fires, the read ends with 400 RequestTimeout and the
/// body is marked abandoned (the answer then closes the connection). Kestrel's minimum data rate is an average, so a
/// burst would otherwise buy a long silence.
/// </summary>
internal sealed class IdleTimeoutPipeReader : PipeReader, IDisposable
{
    private readonly PipeReader _inner;
    private readonly TimeSpan _idle;
    private readonly RequestBodyState _state;
    private readonly TimeProvider _time;
    private readonly ITimer _timer;
    private volatile bool _cancelRequested;

    public IdleTimeoutPipeReader(PipeReader inner, TimeSpan idle, RequestBodyState state, TimeProvider time)
    {
        _inner = inner;
        _idle = idle;
        _state = state;
        _time = time;
        _timer = time.CreateTimer(static s => ((IdleTimeoutPipeReader)s!)._inner.CancelPendingRead(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public override async ValueTask<ReadResult> ReadAsync(CancellationToken cancellationToken = default)
    {
        if (_inner.TryRead(out var ready) && Deliverable(ready, out var delivered))
        {
            return delivered;
        }

        while (true)
        {
            var armed = _time.GetTimestamp();
            _timer.Change(_idle, Timeout.InfiniteTimeSpan);
            ReadResult result;
            try
            {
                result = await _inner.ReadAsync(cancellationToken);
            }
            finally
            {
                _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            }

            if (Deliverable(result, out var read))
            {
                return read;
            }

            if (_time.GetElapsedTime(armed) >= _idle)
            {
                _state.Abandoned = true;
                throw new S3Exception(S3Errors.RequestTimeout,
                    $"No request body bytes arrived for {_idle.TotalSeconds:0.#} s; the upload was ended and nothing was stored.");
            }
        }
    }

    public override bool TryRead(out ReadResult result) => _inner.TryRead(out result);

    public override void AdvanceTo(SequencePosition consumed) => _inner.AdvanceTo(consumed);

    public override void AdvanceTo(SequencePosition consumed, SequencePosition examined) => _inner.AdvanceTo(consumed, examined);

    public override void CancelPendingRead()
    {
        _cancelRequested = true;
        _inner.CancelPendingRead();
    }

    public override void Complete(Exception? exception = null)
    {
        _timer.Dispose();
        _inner.Complete(exception);
    }

    public void Dispose() => _timer.Dispose();

    /// <summary>
    /// False only for a cancelled read that carries nothing and that nobody but the timer asked for: the timer's
    /// (this read's, or an earlier read's that fired as its data arrived). Data or the body's end always goes up.
    /// </summary>
    private bool Deliverable(ReadResult result, out ReadResult delivered)
    {
        delivered = result;
        if (!result.IsCanceled)
        {
            return true;
        }

        if (_cancelRequested)
        {
            _cancelRequested = false;
            return true;
        }

        if (!result.Buffer.IsEmpty || result.IsCompleted)
        {
            delivered = new ReadResult(result.Buffer, isCanceled: false, result.IsCompleted);
            return true;
        }

        _inner.AdvanceTo(result.Buffer.Start);
        return false;
    }
}
