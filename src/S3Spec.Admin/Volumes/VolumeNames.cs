using S3Spec.Admin.Cli;
using S3Spec.Storage.Capacity;

namespace S3Spec.Admin.Volumes;

/// <summary>Volume name checks with the operator's messages.</summary>
internal static class VolumeNames
{
    public const string Rules = "3-63 characters of lower-case letters, digits, '-' and '.', starting and ending with a letter or digit, not like an IP address";

    public static string Check(string name)
    {
        if (!VolumeRegistryFile.IsValidVolumeName(name))
        {
            throw AdminException.Usage($"'{name}' is not a valid volume name ({Rules}).");
        }

        return name;
    }

    /// <summary>The volume's path; NotFound when it is not a directory of the data root.</summary>
    public static string RequireExisting(AdminContext context, string volume)
    {
        var path = Path.Combine(context.ExistingDataRoot(), volume);
        if (!Directory.Exists(path))
        {
            throw AdminException.NotFound($"The volume '{volume}' does not exist in {context.DataRoot}.");
        }

        return path;
    }
}
