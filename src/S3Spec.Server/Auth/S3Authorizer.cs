using S3Spec.Core.Errors;
using S3Spec.Server.Requests;
using S3Spec.Server.Settings;

namespace S3Spec.Server.Auth;

/// <summary>
/// Every decision about what an authenticated request may do, fed by the operation's traits (spec extensions) and
/// the server's profile: the addressed volume, read-only keys, the profile's refusals (operations, presigned URLs)
/// and the source volume of a copy. <see cref="AuthorizationMiddleware"/> applies the request-level rules in their
/// order (docs/auth.md, "Order of refusals"); a copy's handler asks <see cref="RequireCopySource"/> once it has read
/// the source.
/// </summary>
internal sealed class S3Authorizer(ServerProfile profile)
{
    /// <summary>The key may use the addressed volume, and writes only when it is not read-only.</summary>
    public static void RequireKeyAccess(S3RequestContext request, string method)
    {
        ArgumentNullException.ThrowIfNull(request);
        var key = request.Auth.Key;
        if (request.Target.Bucket is { } bucket && !key.MayUse(bucket))
        {
            throw new S3Exception(S3Errors.AccessDenied);
        }

        if (key.ReadOnly && request.Writes(method))
        {
            throw new S3Exception(S3Errors.ReadOnlyKey);
        }
    }

    /// <summary>The profile serves the operation, and serves it through a presigned URL when it came through one.</summary>
    public void RequireProfile(S3RequestContext request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Operation is { } operation && operation.IsRefusedBy(profile.Name))
        {
            throw new S3Exception(S3Errors.NotImplemented, $"{operation.OperationId} is not supported by this server (profile '{profile.Name}').");
        }

        if (request.Auth.Presigned && !profile.AllowsPresigned)
        {
            throw new S3Exception(S3Errors.AccessDenied, $"Presigned URLs are not supported by this server (profile '{profile.Name}').");
        }

        if (request.Auth.Presigned && request.Operation is { AllowsPresigned: false } refused)
        {
            throw new S3Exception(S3Errors.AccessDenied, $"{refused.OperationId} is not served through presigned URLs.");
        }
    }

    /// <summary>A copy's source must be in one of the key's volumes.</summary>
    public static void RequireCopySource(S3RequestContext request, string sourceBucket)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.Auth.Key.MayUse(sourceBucket))
        {
            throw new S3Exception(S3Errors.AccessDenied);
        }
    }
}
