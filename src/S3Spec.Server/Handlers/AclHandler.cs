using Microsoft.AspNetCore.Mvc;
using S3Spec.Core.Errors;
using S3Spec.Server.Api;
using S3Spec.Server.Protocol;
using S3Spec.Server.Requests;
using S3Spec.Storage.Contract;

namespace S3Spec.Server.Handlers;

/// <summary>
/// ACLs are not supported: every volume and object is private to the keys allowed on the volume. Reading an ACL
/// answers that fixed policy (owner FULL_CONTROL; s3cmd reads it before every copy); setting one is accepted only
/// when it says the same (canned "private") and changes nothing.
/// </summary>
internal sealed class AclHandler(IObjectStore store) : AclControllerBase
{
    public override Task<ActionResult<AccessControlPolicy>> GetBucketAcl(GetBucketAclInput input, CancellationToken cancellationToken)
    {
        store.RequireVolume(input.Bucket);
        return Task.FromResult<ActionResult<AccessControlPolicy>>(PrivatePolicy());
    }

    public override Task<IActionResult> PutBucketAcl(PutBucketAclInput input, AccessControlPolicy body, CancellationToken cancellationToken)
    {
        store.RequireVolume(input.Bucket);
        RequirePrivate(input.XAmzAcl, body);
        return Task.FromResult<IActionResult>(Ok());
    }

    public override async Task<ActionResult<AccessControlPolicy>> GetObjectAcl(GetObjectAclInput input, CancellationToken cancellationToken)
    {
        VersionIds.RequireNull(input.VersionId);
        await store.HeadObjectAsync(input.Bucket, input.Key, cancellationToken);
        return PrivatePolicy();
    }

    public override async Task<IActionResult> PutObjectAcl(PutObjectAclInput input, AccessControlPolicy body, CancellationToken cancellationToken)
    {
        VersionIds.RequireNull(input.VersionId);
        await store.HeadObjectAsync(input.Bucket, input.Key, cancellationToken);
        RequirePrivate(input.XAmzAcl, body);
        return Ok();
    }

    private AccessControlPolicy PrivatePolicy()
    {
        var owner = Owners.Of(HttpContext.AccessKey());
        return new AccessControlPolicy
        {
            Owner = owner,
            AccessControlList =
            [
                new Grant
                {
                    Grantee = new Grantee { Type = "CanonicalUser", ID = owner.ID, DisplayName = owner.DisplayName },
                    Permission = "FULL_CONTROL",
                },
            ],
        };
    }

    private void RequirePrivate(string? cannedAcl, AccessControlPolicy? body)
    {
        if (!string.IsNullOrEmpty(cannedAcl))
        {
            CannedAcl.RequirePrivate(cannedAcl);
            return;
        }

        var owner = HttpContext.AccessKey().AccessKeyId;
        foreach (var grant in body?.AccessControlList ?? [])
        {
            if (grant.Permission != "FULL_CONTROL" || grant.Grantee?.ID != owner)
            {
                throw new S3Exception(S3Errors.NotImplemented, "ACLs are not supported: only the private policy (the owner's FULL_CONTROL) can be set.");
            }
        }
    }

}
