using S3Spec.Core.Errors;

namespace S3Spec.Server.Handlers;

/// <summary>Volumes are unversioned: the only version id is "null" (which clients send after seeing no version header).</summary>
internal static class VersionIds
{
    public static void RequireNull(string? versionId)
    {
        if (!string.IsNullOrEmpty(versionId) && versionId != "null")
        {
            throw new S3Exception(S3Errors.InvalidArgument, "Invalid version id specified: volumes are not versioned.");
        }
    }
}
