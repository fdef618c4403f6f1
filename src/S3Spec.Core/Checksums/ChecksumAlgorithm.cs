namespace S3Spec.Core.Checksums;

/// <summary>The S3 additional checksum algorithms (auth verifies them, storage keeps them, handlers send them).</summary>
public enum ChecksumAlgorithm
{
    Crc32,
    Crc32C,
    Crc64Nvme,
    Sha1,
    Sha256,
}

/// <summary>Names and sizes of the checksum algorithms.</summary>
public static class ChecksumAlgorithms
{
    public static readonly ChecksumAlgorithm[] All =
        [ChecksumAlgorithm.Crc32, ChecksumAlgorithm.Crc32C, ChecksumAlgorithm.Crc64Nvme, ChecksumAlgorithm.Sha1, ChecksumAlgorithm.Sha256];

    /// <summary>The upper-case name S3 uses (x-amz-sdk-checksum-algorithm, ChecksumAlgorithm elements).</summary>
    public static string Name(ChecksumAlgorithm a) => a switch
    {
        ChecksumAlgorithm.Crc32 => ChecksumNames.Crc32,
        ChecksumAlgorithm.Crc32C => ChecksumNames.Crc32C,
        ChecksumAlgorithm.Crc64Nvme => ChecksumNames.Crc64Nvme,
        ChecksumAlgorithm.Sha1 => ChecksumNames.Sha1,
        _ => ChecksumNames.Sha256,
    };

    /// <summary>The request header (and trailer) that carries the checksum, lower-case.</summary>
    public static string HeaderName(ChecksumAlgorithm a) => a switch
    {
        ChecksumAlgorithm.Crc32 => "x-amz-checksum-crc32",
        ChecksumAlgorithm.Crc32C => "x-amz-checksum-crc32c",
        ChecksumAlgorithm.Crc64Nvme => "x-amz-checksum-crc64nvme",
        ChecksumAlgorithm.Sha1 => "x-amz-checksum-sha1",
        _ => "x-amz-checksum-sha256",
    };

    public static int HashLength(ChecksumAlgorithm a) => a switch
    {
        ChecksumAlgorithm.Crc32 or ChecksumAlgorithm.Crc32C => 4,
        ChecksumAlgorithm.Crc64Nvme => 8,
        ChecksumAlgorithm.Sha1 => 20,
        _ => 32,
    };

    /// <summary>The algorithm of an upper- or lower-case S3 name ("CRC32", "crc64nvme").</summary>
    public static bool TryParse(ReadOnlySpan<char> name, out ChecksumAlgorithm algorithm)
    {
        foreach (var a in All)
        {
            if (name.Equals(Name(a), StringComparison.OrdinalIgnoreCase))
            {
                algorithm = a;
                return true;
            }
        }

        algorithm = default;
        return false;
    }

    public static bool TryFromHeaderName(ReadOnlySpan<char> name, out ChecksumAlgorithm algorithm)
    {
        foreach (var a in All)
        {
            if (name.Equals(HeaderName(a), StringComparison.OrdinalIgnoreCase))
            {
                algorithm = a;
                return true;
            }
        }

        algorithm = default;
        return false;
    }
}
