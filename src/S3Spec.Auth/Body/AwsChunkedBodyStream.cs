using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.ExceptionServices;
using System.Security.Cryptography;
using S3Spec.Auth.Signing;
using S3Spec.Core.Errors;
using S3Spec.Core.Checksums;

namespace S3Spec.Auth.Body;

/// <summary>
/// Decodes an aws-chunked body from a <see cref="PipeReader"/> as a state machine (in the manner of Kestrel's
/// chunked message body): chunk data is handed to the reader as it arrives while its hash is updated; each
/// chunk signature is verified when its chunk ends; the trailer, the decoded length and the checksums are
/// verified before end-of-stream is reported, so a consumer that publishes only at end-of-stream never
/// publishes an unverified body.
/// </summary>
internal sealed class AwsChunkedBodyStream : ReadOnlyBodyStream
{
    public const int MaxChunkHeaderLength = 4096;
    public const int MaxTrailerLength = 16 * 1024;

    private readonly PipeReader _reader;
    private readonly ChunkSignatureChain? _chain;
    private readonly bool _hasTrailer;
    private readonly long _decodedLength;
    private readonly long? _contentLength;
    private readonly BodyChecks _checks;
    private readonly Action<ChecksumSet> _onVerified;
    private readonly IncrementalHash? _chunkHash;
    private readonly TrailerReader _trailer;
    private ExceptionDispatchInfo? _failure;
    private State _state = State.ChunkHeader;
    private long _chunkRemaining;
    private string? _chunkSignature;
    private long _rawConsumed;

    public AwsChunkedBodyStream(
        PipeReader reader,
        ChunkSignatureChain? chain,
        bool hasTrailer,
        long decodedLength,
        long? contentLength,
        BodyChecks checks,
        Action<ChecksumSet> onVerified)
    {
        _reader = reader;
        _chain = chain;
        _hasTrailer = hasTrailer;
        _decodedLength = decodedLength;
        _contentLength = contentLength;
        _checks = checks;
        _onVerified = onVerified;
        _chunkHash = chain is null ? null : IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        _trailer = new TrailerReader(chain, checks);
    }

    private enum State
    {
        ChunkHeader,
        Data,
        DataEnd,
        Trailer,
        FinalLine,
        Done,
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        _failure?.Throw();
        if (_state == State.Done || buffer.IsEmpty)
        {
            return 0;
        }

        try
        {
            while (true)
            {
                var result = await _reader.ReadAsync(cancellationToken);
                var data = result.Buffer;
                int produced;
                SequencePosition consumed;
                SequencePosition examined;
                try
                {
                    produced = Process(data, buffer.Span, result.IsCompleted, out consumed, out examined);
                }
                catch
                {
                    _reader.AdvanceTo(data.Start, data.End);
                    throw;
                }

                _rawConsumed += data.Slice(data.Start, consumed).Length;
                _reader.AdvanceTo(consumed, examined);
                if (_state == State.Done)
                {
                    Finish();
                    return produced;
                }

                if (produced > 0)
                {
                    return produced;
                }

                if (result.IsCompleted)
                {
                    throw new S3Exception(S3Errors.IncompleteChunkedBody);
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

    /// <summary>Advances the state machine over <paramref name="data"/>; returns the decoded bytes written.</summary>
    private int Process(in ReadOnlySequence<byte> data, Span<byte> destination, bool completed, out SequencePosition consumed, out SequencePosition examined)
    {
        var reader = new SequenceReader<byte>(data);
        var produced = 0;
        while (_state != State.Done)
        {
            if (_state == State.Data)
            {
                if (produced == destination.Length || reader.End)
                {
                    break;
                }

                var span = reader.UnreadSpan;
                var n = (int)Math.Min(Math.Min(span.Length, destination.Length - produced), _chunkRemaining);
                var chunk = destination.Slice(produced, n);
                span[..n].CopyTo(chunk);
                reader.Advance(n);
                produced += n;
                _chunkRemaining -= n;
                _chunkHash?.AppendData(chunk);
                _checks.Append(chunk);
                if (_checks.Count > _decodedLength)
                {
                    throw TooLong();
                }

                if (_chunkRemaining == 0)
                {
                    _state = State.DataEnd;
                }

                continue;
            }

            if (!Step(ref reader, completed))
            {
                break;
            }
        }

        consumed = reader.Position;
        examined = produced > 0 || _state == State.Done ? consumed : data.End;
        return produced;
    }

    /// <summary>Processes one framing element; false when more input is needed.</summary>
    private bool Step(ref SequenceReader<byte> reader, bool completed)
    {
        switch (_state)
        {
            case State.ChunkHeader:
                if (!reader.TryReadTo(out ReadOnlySequence<byte> line, (byte)'\n'))
                {
                    if (reader.Remaining > MaxChunkHeaderLength)
                    {
                        throw ChunkHeader.Malformed($"a chunk header is longer than {MaxChunkHeaderLength} bytes");
                    }

                    return false;
                }

                if (line.Length > MaxChunkHeaderLength)
                {
                    throw ChunkHeader.Malformed($"a chunk header is longer than {MaxChunkHeaderLength} bytes");
                }

                _chunkRemaining = ChunkHeader.Parse(line, _chain is not null, out _chunkSignature);
                if (_chunkRemaining > 0)
                {
                    if (_checks.Count + _chunkRemaining > _decodedLength)
                    {
                        throw TooLong();
                    }

                    _state = State.Data;
                    return true;
                }

                VerifyChunkSignature();
                _state = _hasTrailer ? State.Trailer : State.FinalLine;
                return true;

            case State.DataEnd:
                if (reader.Remaining < 2)
                {
                    return false;
                }

                if (!reader.IsNext("\r\n"u8, advancePast: true))
                {
                    throw ChunkHeader.Malformed("chunk data must be followed by CRLF");
                }

                VerifyChunkSignature();
                _state = State.ChunkHeader;
                return true;

            case State.Trailer:
                if (!_trailer.TryReadLine(ref reader, completed, out var ended))
                {
                    return false;
                }

                if (ended)
                {
                    _state = State.Done;
                }

                return true;

            default:
                // The CRLF after the final 0-size chunk; tolerated when the body simply ends there.
                if (reader.Remaining >= 2)
                {
                    if (!reader.IsNext("\r\n"u8, advancePast: true))
                    {
                        throw ChunkHeader.Malformed("the final chunk must be followed by CRLF");
                    }

                    _state = State.Done;
                    return true;
                }

                if (completed && reader.Remaining == 0)
                {
                    _state = State.Done;
                    return true;
                }

                return false;
        }
    }

    private void VerifyChunkSignature()
    {
        if (_chain is null)
        {
            return;
        }

        Span<byte> hash = stackalloc byte[32];
        _chunkHash!.GetHashAndReset(hash);
        if (!_chain.VerifyChunk(hash, _chunkSignature!))
        {
            throw new S3Exception(S3Errors.SignatureDoesNotMatch,
                "The chunk signature we calculated does not match the chunk signature you provided.");
        }
    }

    private void Finish()
    {
        if (_checks.Count != _decodedLength)
        {
            throw new S3Exception(S3Errors.IncompleteBody,
                $"The x-amz-decoded-content-length header says {_decodedLength} bytes but the chunks carried {_checks.Count}.");
        }

        if (_contentLength is { } length && _rawConsumed < length)
        {
            throw ChunkHeader.Malformed("data follows the final chunk");
        }

        var verified = _checks.Complete();
        _onVerified(verified);
    }

    private S3Exception TooLong() => new(S3Errors.IncompleteBody,
        $"The chunks carry more than the {_decodedLength} bytes the x-amz-decoded-content-length header says.");

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _chunkHash?.Dispose();
            _checks.Dispose();
        }

        base.Dispose(disposing);
    }
}
