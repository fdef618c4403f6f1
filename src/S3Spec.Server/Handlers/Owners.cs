using S3Spec.Auth.Keys;
using S3Spec.Server.Api;

namespace S3Spec.Server.Handlers;

/// <summary>The owner shown in listings: the access key itself (volumes have no other owner concept).</summary>
internal static class Owners
{
    public static Owner Of(AccessKey key) => new() { ID = key.AccessKeyId, DisplayName = key.AccessKeyId };

    public static Owner Of(string accessKeyId) => new() { ID = accessKeyId, DisplayName = accessKeyId };
}
