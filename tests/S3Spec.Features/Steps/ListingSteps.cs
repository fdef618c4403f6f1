using Amazon.S3.Model;
using Reqnroll;
using S3Spec.Features.Drivers;
using Xunit;

namespace S3Spec.Features.Steps;

[Binding]
public sealed class ListingSteps(S3World world)
{
    [Then("listing the volume shows exactly the keys {string}")]
    public async Task ListingShows(string key) => Assert.Equal([key], await ListAllAsync());

    [Then("listing the volume shows no keys")]
    public async Task ListingEmpty() => Assert.Empty(await ListAllAsync());

    private async Task<List<string>> ListAllAsync()
    {
        var keys = new List<string>();
        var request = new ListObjectsV2Request { BucketName = world.Volume, Prefix = world.Prefix };
        ListObjectsV2Response page;
        do
        {
            page = (await SdkDriver.CallAsync(() => world.Sdk.Client.ListObjectsV2Async(request))).As<ListObjectsV2Response>();
            keys.AddRange((page.S3Objects ?? []).Select(o => world.Unkey(o.Key)));
            request.ContinuationToken = page.NextContinuationToken;
        }
        while (page.IsTruncated == true);
        return keys;
    }
}
