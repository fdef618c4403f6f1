using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using S3Spec.Auth.Signing;
using S3Spec.Core.Errors;
using S3Spec.Core.Checksums;

namespace S3Spec.Auth.Body;

/// <summary>
/// Reads the trailer after the final aws-chunked chunk: "name:value" lines (CRLF, or bare LF as some clients
/// send) up to an empty line (or the end of the body). Checksum trailers set the expected values of the
/// body checks; with signed chunks, x-amz-trailer-signature is verified over the preceding lines.
/// </summary>
internal sealed class TrailerReader(ChunkSignatureChain? chain, BodyChecks checks)
{
    private const string SignatureName = "x-amz-trailer-signature";
    private readonly StringBuilder _canonical = new();
    private int _length;
    private bool _signatureVerified;

    /// <summary>Reads one line; false when more input is needed. <paramref name="ended"/> is set at the end of the trailer.</summary>
    public bool TryReadLine(ref SequenceReader<byte> reader, bool completed, out bool ended)
    {
        ended = false;
        if (!reader.TryReadTo(out ReadOnlySequence<byte> line, (byte)'\n'))
        {
            if (_length + reader.Remaining > AwsChunkedBodyStream.MaxTrailerLength)
            {
                throw TooLong();
            }

            if (completed && reader.Remaining == 0)
            {
                End();
                ended = true;
                return true;
            }

            return false;
        }

        _length += (int)line.Length + 1;
        if (_length > AwsChunkedBodyStream.MaxTrailerLength)
        {
            throw TooLong();
        }

        var text = Encoding.ASCII.GetString(line).TrimEnd('\r');
        if (text.Length == 0)
        {
            End();
            ended = true;
            return true;
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            throw ChunkHeader.Malformed("a trailer line must have the form 'name:value'");
        }

        var name = text[..colon].Trim().ToLowerInvariant();
        var value = text[(colon + 1)..].Trim();
        if (_signatureVerified)
        {
            throw ChunkHeader.Malformed("no trailer may follow x-amz-trailer-signature");
        }

        if (name == SignatureName)
        {
            VerifySignature(value);
            return true;
        }

        _canonical.Append(name).Append(':').Append(value).Append('\n');
        if (ChecksumAlgorithms.TryFromHeaderName(name, out var algorithm)
            && !checks.SetExpected(algorithm, BodyChecks.DecodeValue(algorithm, value)))
        {
            throw ChunkHeader.Malformed($"the trailer {name} was not declared in the x-amz-trailer header");
        }

        return true;
    }

    private void VerifySignature(string value)
    {
        if (chain is null)
        {
            throw ChunkHeader.Malformed("an unsigned payload cannot carry x-amz-trailer-signature");
        }

        if (!SigV4Crypto.IsHex(value, 64))
        {
            throw ChunkHeader.Malformed("x-amz-trailer-signature must be 64 hexadecimal digits");
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(_canonical.ToString()));
        if (!chain.VerifyTrailer(hash, value))
        {
            throw new S3Exception(S3Errors.SignatureDoesNotMatch,
                "The trailer signature we calculated does not match the x-amz-trailer-signature you provided.");
        }

        _signatureVerified = true;
    }

    private void End()
    {
        if (chain is not null && !_signatureVerified)
        {
            throw ChunkHeader.Malformed("the signed trailer has no x-amz-trailer-signature");
        }
    }

    private static S3Exception TooLong()
        => ChunkHeader.Malformed($"the trailer is longer than {AwsChunkedBodyStream.MaxTrailerLength} bytes");
}
