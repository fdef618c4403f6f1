using System.Security.Cryptography;
using S3Spec.Auth.Checksums;
using S3Spec.Core.Errors;
using S3Spec.Core.Checksums;

namespace S3Spec.Auth.Body;

/// <summary>
/// Everything verified over the decoded body bytes: the x-amz-content-sha256 hash, the x-amz-checksum-*
/// values (from headers, or from the aws-chunked trailer), and the byte count.
/// </summary>
internal sealed class BodyChecks : IDisposable
{
    private readonly List<Entry> _checksums = [];
    private readonly IncrementalHash? _sha256;
    private readonly byte[]? _expectedSha256;

    public BodyChecks(byte[]? expectedSha256)
    {
        if (expectedSha256 is not null)
        {
            _expectedSha256 = expectedSha256;
            _sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        }
    }

    /// <summary>Decoded bytes seen so far.</summary>
    public long Count { get; private set; }

    /// <summary>Checks one more algorithm; <paramref name="expected"/> is null when it arrives later (trailer).</summary>
    public void Add(ChecksumAlgorithm algorithm, byte[]? expected)
    {
        foreach (var e in _checksums)
        {
            if (e.Checksum.Algorithm == algorithm)
            {
                e.Expected ??= expected;
                return;
            }
        }

        _checksums.Add(new Entry(new RunningChecksum(algorithm)) { Expected = expected });
    }

    /// <summary>Records the value the trailer carries for <paramref name="algorithm"/> (adding it when undeclared is too late: refused).</summary>
    public bool SetExpected(ChecksumAlgorithm algorithm, byte[] expected)
    {
        foreach (var e in _checksums)
        {
            if (e.Checksum.Algorithm == algorithm)
            {
                e.Expected = expected;
                return true;
            }
        }

        return false;
    }

    public void Append(ReadOnlySpan<byte> data)
    {
        Count += data.Length;
        _sha256?.AppendData(data);
        foreach (var e in _checksums)
        {
            e.Checksum.Append(data);
        }
    }

    /// <summary>Verifies everything at the end of the body; returns algorithm name → base64 of what was verified.</summary>
    public ChecksumSet Complete()
    {
        if (_sha256 is not null)
        {
            var actual = _sha256.GetHashAndReset();
            if (!actual.AsSpan().SequenceEqual(_expectedSha256))
            {
                throw new S3Exception(S3Errors.XAmzContentSHA256Mismatch)
                {
                    Details =
                    [
                        new("ClientComputedContentSHA256", Convert.ToHexStringLower(_expectedSha256!)),
                        new("S3ComputedContentSHA256", Convert.ToHexStringLower(actual)),
                    ],
                };
            }
        }

        var verified = ChecksumSet.Empty;
        foreach (var e in _checksums)
        {
            var name = ChecksumAlgorithms.Name(e.Checksum.Algorithm);
            if (e.Expected is null)
            {
                throw new S3Exception(S3Errors.MalformedChunkedBody,
                    $"The trailer {ChecksumAlgorithms.HeaderName(e.Checksum.Algorithm)} declared in x-amz-trailer was not sent.");
            }

            var actual = e.Checksum.GetDigest();
            if (!actual.AsSpan().SequenceEqual(e.Expected))
            {
                throw new S3Exception(S3Errors.ChecksumMismatch,
                    $"The {name} you specified did not match the calculated checksum.")
                {
                    Details = [new("ClientComputedChecksum", Convert.ToBase64String(e.Expected)), new("S3ComputedChecksum", Convert.ToBase64String(actual))],
                };
            }

            verified = verified.With(e.Checksum.Algorithm, Convert.ToBase64String(actual));
        }

        return verified;
    }

    /// <summary>Decodes a base64 checksum value of the right length, or throws InvalidRequest naming the header.</summary>
    public static byte[] DecodeValue(ChecksumAlgorithm algorithm, string value)
    {
        var length = ChecksumAlgorithms.HashLength(algorithm);
        Span<byte> buffer = stackalloc byte[64];
        if (!Convert.TryFromBase64String(value.Trim(), buffer, out var written) || written != length)
        {
            throw new S3Exception(S3Errors.InvalidRequest,
                $"Value for {ChecksumAlgorithms.HeaderName(algorithm)} header is invalid.");
        }

        return buffer[..written].ToArray();
    }

    public void Dispose()
    {
        _sha256?.Dispose();
        foreach (var e in _checksums)
        {
            e.Checksum.Dispose();
        }
    }

    private sealed class Entry(RunningChecksum checksum)
    {
        public RunningChecksum Checksum { get; } = checksum;

        public byte[]? Expected { get; set; }
    }
}
