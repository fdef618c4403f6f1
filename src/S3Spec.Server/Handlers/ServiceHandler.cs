using Microsoft.AspNetCore.Mvc;
using S3Spec.Server.Api;
using S3Spec.Server.Requests;
using S3Spec.Storage.Contract;

namespace S3Spec.Server.Handlers;

/// <summary>Service-level operations: ListBuckets lists the volumes the access key may use.</summary>
internal sealed class ServiceHandler(IObjectStore store) : ServiceControllerBase
{
    public override Task<ActionResult<ListAllMyBucketsResult>> ListBuckets(ListBucketsInput input, CancellationToken cancellationToken)
    {
        var key = HttpContext.AccessKey();
        var buckets = new List<Bucket>();
        foreach (var volume in store.ListVolumes())
        {
            if (key.MayUse(volume.Name))
            {
                buckets.Add(new Bucket { Name = volume.Name, CreationDate = volume.CreationDate });
            }
        }

        return Task.FromResult<ActionResult<ListAllMyBucketsResult>>(new ListAllMyBucketsResult
        {
            Owner = Owners.Of(key),
            Buckets = buckets,
        });
    }
}
