using Amazon.S3;
using Amazon.S3.Model;
using Reqnroll;
using S3Spec.Features.Drivers;
using Xunit;

namespace S3Spec.Features.Steps;

[Binding]
public sealed class CopySteps(S3World world)
{
    [When("I copy {string} to {string}")]
    public Task Copy(string source, string destination) => CopyAsync(source, destination, _ => { });

    [When("I copy {string} to {string} replacing the metadata with:")]
    public Task CopyReplacing(string source, string destination, DataTable headers) =>
        CopyAsync(source, destination, r =>
        {
            r.MetadataDirective = S3MetadataDirective.REPLACE;
            foreach (var row in headers.Rows)
            {
                r.Metadata.Add(row["header"], row["value"]);
            }
        });

    [When("I copy {string} to {string} if the source ETag matches {string}")]
    public Task CopyIfMatch(string source, string destination, string etag) => CopyAsync(source, destination, r => r.ETagToMatch = etag);

    [When("I copy {string} to {string} in the second volume")]
    public Task CopyAcross(string source, string destination) =>
        CopyAsync(source, destination, r =>
        {
            r.DestinationBucket = world.SecondSpace.Volume;
            r.DestinationKey = world.SecondSpace.Prefix + destination;
        });

    [Then("the second volume's object {string} contains {string}")]
    public async Task SecondContains(string key, string expected) =>
        Assert.Equal(expected, await world.Objects.ReadTextAsync(key, world.SecondSpace.Volume, world.SecondSpace.Prefix));

    private async Task CopyAsync(string source, string destination, Action<CopyObjectRequest> configure)
    {
        var request = new CopyObjectRequest
        {
            SourceBucket = world.Volume,
            SourceKey = world.Key(source),
            DestinationBucket = world.Volume,
            DestinationKey = world.Key(destination),
        };
        configure(request);
        world.Outcome = await SdkDriver.CallAsync(() => world.Sdk.Client.CopyObjectAsync(request));
    }
}
