using System.Buffers.Binary;
using System.IO.Hashing;
using System.Security.Cryptography;
using S3Spec.Core.Checksums;

namespace S3Spec.Auth.Checksums;

/// <summary>
/// An incremental checksum over the decoded body. Values are the big-endian digest bytes
/// (what S3 base64-encodes), not System.IO.Hashing's little-endian GetCurrentHash output.
/// </summary>
internal sealed class RunningChecksum : IDisposable
{
    private readonly NonCryptographicHashAlgorithm? _crc;
    private readonly IncrementalHash? _hash;

    public RunningChecksum(ChecksumAlgorithm algorithm)
    {
        Algorithm = algorithm;
        switch (algorithm)
        {
            case ChecksumAlgorithm.Crc32:
                _crc = new Crc32();
                break;
            case ChecksumAlgorithm.Crc32C:
                _crc = new Crc32(Crc32ParameterSet.Crc32C);
                break;
            case ChecksumAlgorithm.Crc64Nvme:
                _crc = new Crc64(Crc64ParameterSet.Nvme);
                break;
            case ChecksumAlgorithm.Sha1:
                _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
                break;
            default:
                _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                break;
        }
    }

    public ChecksumAlgorithm Algorithm { get; }

    public void Append(ReadOnlySpan<byte> data)
    {
        if (_crc is not null)
        {
            _crc.Append(data);
        }
        else
        {
            _hash!.AppendData(data);
        }
    }

    /// <summary>The digest of everything appended so far, big-endian.</summary>
    public byte[] GetDigest()
    {
        switch (_crc)
        {
            case Crc32 c32:
            {
                var b = new byte[4];
                BinaryPrimitives.WriteUInt32BigEndian(b, c32.GetCurrentHashAsUInt32());
                return b;
            }

            case Crc64 c64:
            {
                var b = new byte[8];
                BinaryPrimitives.WriteUInt64BigEndian(b, c64.GetCurrentHashAsUInt64());
                return b;
            }

            default:
                return _hash!.GetCurrentHash();
        }
    }

    /// <summary>The base64 checksum of <paramref name="data"/> (for tests and callers that hold the bytes).</summary>
    public static string Compute(ChecksumAlgorithm algorithm, ReadOnlySpan<byte> data)
    {
        using var c = new RunningChecksum(algorithm);
        c.Append(data);
        return Convert.ToBase64String(c.GetDigest());
    }

    public void Dispose() => _hash?.Dispose();
}
