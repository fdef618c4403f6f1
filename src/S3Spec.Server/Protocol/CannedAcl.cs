using S3Spec.Core.Errors;

namespace S3Spec.Server.Protocol;

/// <summary>The only canned ACL a volume can honour is "private".</summary>
internal static class CannedAcl
{
    public static void RequirePrivate(string value)
    {
        if (!string.Equals(value.Trim(), "private", StringComparison.Ordinal))
        {
            throw new S3Exception(S3Errors.NotImplemented, $"ACLs are not supported: the canned ACL '{value}' cannot be applied; only 'private' is accepted.");
        }
    }
}
