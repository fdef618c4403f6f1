using System.Buffers.Binary;
using System.IO.Hashing;
using System.Security.Cryptography;
using S3Spec.Core.Checksums;
using S3Spec.Core.Errors;

namespace S3Spec.Storage.Checksums;

/// <summary>
/// The checksum of a multipart object from its parts' checksums (algorithm upper-case → base64 of the big-endian
/// digest), without reading the data. CRC64NVME: FULL_OBJECT (parts combined over GF(2)). CRC32, CRC32C: the type
/// the upload declared at Create; undeclared, COMPOSITE ("base64-N": the CRC of the concatenated binary part CRCs)
/// unless the client's expected value is a full-object one (no "-N"). SHA1, SHA256: always COMPOSITE. Only
/// algorithms every part carries are computed.
/// </summary>
internal static class MultipartChecksums
{
    private const string Crc32 = ChecksumNames.Crc32;
    private const string Crc32C = ChecksumNames.Crc32C;
    private const string Crc64Nvme = ChecksumNames.Crc64Nvme;
    private const string Sha1 = ChecksumNames.Sha1;

    private static readonly IReadOnlyList<string> Algorithms = ChecksumNames.All;

    /// <summary>
    /// Computes the object's checksums and verifies <paramref name="expected"/> (ChecksumMismatch = BadDigest; an
    /// algorithm the parts do not carry: InvalidRequest).
    /// </summary>
    public static ChecksumSet Compute(IReadOnlyList<ChecksumSet?> parts, IReadOnlyList<long> sizes, ChecksumSet? expected, UploadChecksum? declared)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var alg in Algorithms)
        {
            var digests = Digests(parts, alg);
            if (digests is null)
            {
                continue;
            }

            string? wanted = null;
            expected?.TryGetValue(alg, out wanted);
            var fullObject = alg == Crc64Nvme
                || (declared is not null && declared.Algorithm == alg ? declared.IsFullObject
                    : alg is Crc32 or Crc32C && wanted is not null && !wanted.Contains('-', StringComparison.Ordinal));
            result[alg] = fullObject ? FullObject(alg, digests, sizes) : Composite(alg, digests);
        }

        if (expected is not null)
        {
            foreach (var (name, value) in expected)
            {
                var alg = name.ToUpperInvariant();
                if (!result.TryGetValue(alg, out var actual))
                {
                    throw new S3Exception(S3Errors.InvalidRequest,
                        $"The upload's parts carry no {alg} checksum, so the object's {alg} checksum cannot be verified.");
                }

                if (!SameValue(value.Trim(), actual))
                {
                    throw new S3Exception(S3Errors.ChecksumMismatch);
                }
            }
        }

        return ChecksumSet.From(result);
    }

    /// <summary>
    /// x-amz-checksum-type of a Complete request: COMPOSITE or FULL_OBJECT, and only the type the upload declared at
    /// Create (InvalidRequest otherwise, as S3).
    /// </summary>
    public static void CheckCompleteType(string? type, UploadChecksum? declared)
    {
        type = UploadChecksum.ParseType(type);
        if (type is null)
        {
            return;
        }

        if (declared is null)
        {
            throw new S3Exception(S3Errors.InvalidRequest, "The upload was not created with a checksum type; the Complete request must not send x-amz-checksum-type.");
        }

        if (type != declared.Type)
        {
            throw new S3Exception(S3Errors.InvalidRequest, $"The upload was created with the {declared.Type} checksum type; the Complete request must use the same type.");
        }
    }

    /// <summary>"-N" is the checksum type marker; a client may send a composite value without it.</summary>
    private static bool SameValue(string given, string actual)
    {
        if (string.Equals(given, actual, StringComparison.Ordinal))
        {
            return true;
        }

        var dash = actual.IndexOf('-', StringComparison.Ordinal);
        return dash > 0 && !given.Contains('-', StringComparison.Ordinal) && actual.AsSpan(0, dash).SequenceEqual(given);
    }

    private static byte[][]? Digests(IReadOnlyList<ChecksumSet?> parts, string alg)
    {
        var size = alg switch { Crc32 or Crc32C => 4, Crc64Nvme => 8, Sha1 => 20, _ => 32 };
        var digests = new byte[parts.Count][];
        for (var i = 0; i < parts.Count; i++)
        {
            if (parts[i] is not { } map || !map.TryGetValue(alg, out var b64))
            {
                return null;
            }

            var bytes = new byte[size];
            if (!Convert.TryFromBase64String(b64, bytes, out var n) || n != size)
            {
                return null;
            }

            digests[i] = bytes;
        }

        return digests.Length == 0 ? null : digests;
    }

    private static string Composite(string alg, byte[][] digests)
    {
        var all = new byte[digests.Length * digests[0].Length];
        for (var i = 0; i < digests.Length; i++)
        {
            digests[i].CopyTo(all, i * digests[i].Length);
        }

        byte[] digest;
        switch (alg)
        {
            case Crc32 or Crc32C:
                var crc = alg == Crc32 ? new System.IO.Hashing.Crc32() : new System.IO.Hashing.Crc32(Crc32ParameterSet.Crc32C);
                crc.Append(all);
                digest = new byte[4];
                BinaryPrimitives.WriteUInt32BigEndian(digest, crc.GetCurrentHashAsUInt32());
                break;
            case Sha1:
                digest = SHA1.HashData(all);
                break;
            default:
                digest = SHA256.HashData(all);
                break;
        }

        return Convert.ToBase64String(digest) + "-" + digests.Length.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string FullObject(string alg, byte[][] digests, IReadOnlyList<long> sizes)
    {
        if (alg == Crc64Nvme)
        {
            var crc = BinaryPrimitives.ReadUInt64BigEndian(digests[0]);
            for (var i = 1; i < digests.Length; i++)
            {
                crc = CrcCombine.Crc64Nvme.Combine(crc, BinaryPrimitives.ReadUInt64BigEndian(digests[i]), sizes[i]);
            }

            var out64 = new byte[8];
            BinaryPrimitives.WriteUInt64BigEndian(out64, crc);
            return Convert.ToBase64String(out64);
        }

        var combine = alg == Crc32 ? CrcCombine.Crc32 : CrcCombine.Crc32C;
        ulong c = BinaryPrimitives.ReadUInt32BigEndian(digests[0]);
        for (var i = 1; i < digests.Length; i++)
        {
            c = combine.Combine(c, BinaryPrimitives.ReadUInt32BigEndian(digests[i]), sizes[i]);
        }

        var out32 = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(out32, (uint)c);
        return Convert.ToBase64String(out32);
    }
}
