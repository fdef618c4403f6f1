using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.ExceptionServices;
using S3Spec.Core.Errors;
using S3Spec.Core.Checksums;

namespace S3Spec.Auth.Body;

/// <summary>
/// A plain (not aws-chunked) body: passed through while hashed; at its end the byte count, the
/// x-amz-content-sha256 hash and any x-amz-checksum-* header are verified before end-of-stream is reported.
/// </summary>
internal sealed class VerifyingBodyStream : ReadOnlyBodyStream
{
    private readonly PipeReader _reader;
    private readonly BodyChecks _checks;
    private readonly long? _contentLength;
    private readonly Action<ChecksumSet> _onVerified;
    private ExceptionDispatchInfo? _failure;
    private bool _done;

    public VerifyingBodyStream(PipeReader reader, BodyChecks checks, long? contentLength, Action<ChecksumSet> onVerified)
    {
        _reader = reader;
        _checks = checks;
        _contentLength = contentLength;
        _onVerified = onVerified;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        _failure?.Throw();
        if (_done || buffer.IsEmpty)
        {
            return 0;
        }

        try
        {
            while (true)
            {
                var result = await _reader.ReadAsync(cancellationToken);
                var data = result.Buffer;
                if (!data.IsEmpty)
                {
                    var n = (int)Math.Min(data.Length, buffer.Length);
                    data.Slice(0, n).CopyTo(buffer.Span);
                    _reader.AdvanceTo(data.GetPosition(n));
                    _checks.Append(buffer.Span[..n]);
                    if (_contentLength is { } max && _checks.Count > max)
                    {
                        throw new S3Exception(S3Errors.IncompleteBody, "The body is longer than the Content-Length header says.");
                    }

                    return n;
                }

                _reader.AdvanceTo(data.End);
                if (result.IsCompleted)
                {
                    Finish();
                    return 0;
                }

                if (result.IsCanceled)
                {
                    throw new OperationCanceledException(cancellationToken);
                }
            }
        }
        catch (S3Exception e)
        {
            _failure = ExceptionDispatchInfo.Capture(e);
            throw;
        }
    }

    private void Finish()
    {
        if (_contentLength is { } expected && _checks.Count != expected)
        {
            throw new S3Exception(S3Errors.IncompleteBody,
                $"You did not provide the number of bytes specified by the Content-Length HTTP header ({expected}); the body had {_checks.Count}.");
        }

        var verified = _checks.Complete();
        _done = true;
        _onVerified(verified);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _checks.Dispose();
        }

        base.Dispose(disposing);
    }
}
