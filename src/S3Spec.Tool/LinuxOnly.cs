using System.Runtime.InteropServices;

namespace S3Spec.Tool;

/// <summary>S3Spec's storage is Linux-only (openat2, statx, xattrs, OFD locks): elsewhere one clear message.</summary>
internal static class LinuxOnly
{
    public static string? Refusal() => OperatingSystem.IsLinux()
        ? null
        : $"S3Spec runs on Linux only: its storage uses openat2, statx, extended attributes and OFD locks. This system is {RuntimeInformation.OSDescription}. Use the container image (docs/container.md) or a Linux machine.";
}
