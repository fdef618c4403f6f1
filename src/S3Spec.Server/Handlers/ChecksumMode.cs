namespace S3Spec.Server.Handlers;

/// <summary>x-amz-checksum-mode: ENABLED asks GetObject/HeadObject for the stored checksums of the whole object.</summary>
internal static class ChecksumMode
{
    public static bool Enabled(string? header) => string.Equals(header, "ENABLED", StringComparison.OrdinalIgnoreCase);
}
