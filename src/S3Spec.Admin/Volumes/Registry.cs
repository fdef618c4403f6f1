using S3Spec.Admin.Cli;
using S3Spec.Storage.Capacity;

namespace S3Spec.Admin.Volumes;

/// <summary>The volume registry file, with an invalid file reported to the operator instead of overwritten.</summary>
internal static class Registry
{
    public static void SetQuota(string dataRoot, string volume, long? bytes) =>
        Guard(dataRoot, () => VolumeRegistryFile.SetQuota(dataRoot, volume, bytes));

    public static void RemoveVolume(string dataRoot, string volume) =>
        Guard(dataRoot, () => VolumeRegistryFile.RemoveVolume(dataRoot, volume));

    private static void Guard(string dataRoot, Action change)
    {
        try
        {
            change();
        }
        catch (FormatException e)
        {
            throw AdminException.Usage($"The volume registry {VolumeRegistryFile.PathFor(dataRoot)} is invalid ({e.Message}); fix or remove it first.");
        }
    }
}
