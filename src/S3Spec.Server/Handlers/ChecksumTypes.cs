namespace S3Spec.Server.Handlers;

/// <summary>
/// The x-amz-checksum-type / ChecksumType of an object's stored checksums: COMPOSITE when a value ends in "-N" (a
/// checksum of part checksums), else FULL_OBJECT; null when the object has none. One rule for HEAD/GET headers,
/// listings, CopyObjectResult and CompleteMultipartUploadResult.
/// </summary>
internal static class ChecksumTypes
{
    public static string? Of(IReadOnlyDictionary<string, string> checksums)
    {
        string? type = null;
        foreach (var value in checksums.Values)
        {
            type = value.Contains('-', StringComparison.Ordinal) ? "COMPOSITE" : "FULL_OBJECT";
        }

        return type;
    }
}
