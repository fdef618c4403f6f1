namespace S3Spec.Core.Checksums;

/// <summary>The S3 checksum algorithms, by the upper-case names S3 uses (x-amz-checksum-&lt;name lower-case&gt;, Checksum&lt;NAME&gt;).</summary>
public static class ChecksumNames
{
    public const string Crc32 = "CRC32";
    public const string Crc32C = "CRC32C";
    public const string Crc64Nvme = "CRC64NVME";
    public const string Sha1 = "SHA1";
    public const string Sha256 = "SHA256";

    public static IReadOnlyList<string> All { get; } = [Crc32, Crc32C, Crc64Nvme, Sha1, Sha256];
}
