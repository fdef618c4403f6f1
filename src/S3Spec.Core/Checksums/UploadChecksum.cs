using S3Spec.Core.Errors;

namespace S3Spec.Core.Checksums;

/// <summary>
/// The checksum a multipart upload declares at CreateMultipartUpload (x-amz-checksum-algorithm and
/// x-amz-checksum-type): which algorithm its object checksum uses and how the parts' checksums combine into it.
/// </summary>
public sealed record UploadChecksum(string Algorithm, string Type)
{
    public const string Composite = "COMPOSITE";
    public const string FullObject = "FULL_OBJECT";

    public bool IsFullObject => Type == FullObject;

    /// <summary>
    /// The declaration of a CreateMultipartUpload request, null when it names none. InvalidRequest for an unknown
    /// algorithm or type, a type without an algorithm, and the combinations S3 refuses (FULL_OBJECT with SHA1 or
    /// SHA256, COMPOSITE with CRC64NVME). Without a type: FULL_OBJECT for CRC64NVME, COMPOSITE for the others.
    /// </summary>
    public static UploadChecksum? Parse(string? algorithm, string? type)
    {
        algorithm = string.IsNullOrEmpty(algorithm) ? null : algorithm.Trim().ToUpperInvariant();
        if (algorithm is null)
        {
            return string.IsNullOrEmpty(type) ? null
                : throw new S3Exception(S3Errors.InvalidRequest, "The x-amz-checksum-type header can only be used with the x-amz-checksum-algorithm header.");
        }

        if (!ChecksumNames.All.Contains(algorithm))
        {
            throw new S3Exception(S3Errors.InvalidRequest,
                $"Checksum algorithm {algorithm} is not supported; use one of {string.Join(", ", ChecksumNames.All)}.");
        }

        type = ParseType(type) ?? (algorithm == ChecksumNames.Crc64Nvme ? FullObject : Composite);
        if (!Allows(algorithm, type))
        {
            throw new S3Exception(S3Errors.InvalidRequest, $"The {type} checksum type cannot be used with the {algorithm} checksum algorithm.");
        }

        return new UploadChecksum(algorithm, type);
    }

    /// <summary>An x-amz-checksum-type value upper-cased, null when absent; InvalidRequest unless COMPOSITE or FULL_OBJECT.</summary>
    public static string? ParseType(string? type)
    {
        if (string.IsNullOrEmpty(type))
        {
            return null;
        }

        type = type.Trim().ToUpperInvariant();
        return type is Composite or FullObject ? type
            : throw new S3Exception(S3Errors.InvalidRequest, "Value for x-amz-checksum-type header is invalid: use COMPOSITE or FULL_OBJECT.");
    }

    /// <summary>FULL_OBJECT needs a CRC (combinable from the parts); CRC64NVME is FULL_OBJECT only.</summary>
    public static bool Allows(string algorithm, string type) => type == FullObject
        ? algorithm is ChecksumNames.Crc32 or ChecksumNames.Crc32C or ChecksumNames.Crc64Nvme
        : algorithm != ChecksumNames.Crc64Nvme;
}
