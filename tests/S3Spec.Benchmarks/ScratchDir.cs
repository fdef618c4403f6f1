using System.Security.Cryptography;

namespace S3Spec.Benchmarks;

internal static class ScratchDir
{
    /// <summary>A new directory `prefix` + random suffix under `root`.</summary>
    public static string Create(string root, string prefix) =>
        Directory.CreateDirectory(Path.Combine(root, prefix + RandomNumberGenerator.GetHexString(8, lowercase: true))).FullName;
}
