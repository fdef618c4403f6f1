using S3Spec.Core.Errors;
using S3Spec.Server.Protocol;

namespace S3Spec.Server.Routing;

/// <summary>
/// Request headers that ask for S3 features volumes do not have. One table: a header (or prefix) and the refusal.
/// A request carrying one is refused before its handler runs, so nothing is written.
/// </summary>
internal static class UnsupportedHeaders
{
    private static readonly (string Prefix, S3Error Error, string Message)[] Refused =
    [
        ("x-amz-server-side-encryption", S3Errors.NotImplemented, "Server-side encryption is not supported: objects are plain files on the volume."),
        ("x-amz-copy-source-server-side-encryption", S3Errors.NotImplemented, "Server-side encryption is not supported: objects are plain files on the volume."),
        ("x-amz-tagging", S3Errors.NotImplemented, "Object tagging is not supported."),
        ("x-amz-object-lock-", S3Errors.NotImplemented, "Object locking and retention are not supported."),
        ("x-amz-bucket-object-lock-enabled", S3Errors.NotImplemented, "Object locking and retention are not supported."),
        ("x-amz-website-redirect-location", S3Errors.NotImplemented, "Website redirects are not supported."),
        ("x-amz-grant-", S3Errors.NotImplemented, "ACLs are not supported: volumes and objects are private to the keys allowed on the volume."),
    ];

    public static void Check(IHeaderDictionary headers)
    {
        foreach (var (name, values) in headers)
        {
            if (!name.StartsWith("x-amz-", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            foreach (var (prefix, error, message) in Refused)
            {
                if (name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                {
                    throw new S3Exception(error, message);
                }
            }

            if (name.Equals("x-amz-acl", StringComparison.OrdinalIgnoreCase))
            {
                CannedAcl.RequirePrivate(values.ToString());
            }
            else if (name.Equals("x-amz-storage-class", StringComparison.OrdinalIgnoreCase) && values.ToString() != StorageClass.Standard)
            {
                throw new S3Exception(S3Errors.InvalidStorageClass, $"Volumes store every object in the {StorageClass.Standard} storage class.");
            }
        }
    }
}
