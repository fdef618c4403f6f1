using Amazon.S3.Model;
using Reqnroll;
using S3Spec.Features.Drivers;
using Xunit;

namespace S3Spec.Features.Steps;

[Binding]
public sealed class VolumeSteps(S3World world)
{
    [When("I list the buckets")]
    public async Task ListBuckets() => world.Outcome = await SdkDriver.CallAsync(() => world.Sdk.Client.ListBucketsAsync(new ListBucketsRequest()));

    [Then("the bucket list includes {string}")]
    public void Includes(string name) => Assert.Contains(name, BucketNames());

    [Then("the bucket list includes {string} and {string}")]
    public void IncludesBoth(string first, string second)
    {
        Includes(first);
        Includes(second);
    }

    [Then("the bucket list does not include {string}")]
    public void Excludes(string name) => Assert.DoesNotContain(name, BucketNames());

    [Then("the bucket list includes the second volume")]
    public void IncludesSecond() => Includes(world.SecondSpace.Volume);

    [Then("the bucket list does not include my volume")]
    public void ExcludesMine() => Excludes(world.Volume);

    [Then("every listed bucket has a creation date")]
    public void CreationDates()
    {
        var buckets = world.LastOutcome.As<ListBucketsResponse>().Buckets ?? [];
        Assert.NotEmpty(buckets);
        Assert.All(buckets, b => Assert.True(b.CreationDate > new DateTime(2000, 1, 1), $"{b.BucketName}: {b.CreationDate}"));
    }

    [When("I check my volume with HeadBucket")]
    public Task HeadMine() => HeadBucket(world.Volume);

    [When("I check the volume {string} with HeadBucket")]
    public async Task HeadBucket(string name) =>
        world.Outcome = await SdkDriver.CallAsync(() => world.Sdk.Client.HeadBucketAsync(new HeadBucketRequest { BucketName = name }));

    [When("I list the objects of the volume {string}")]
    public async Task ListOther(string name) =>
        world.Outcome = await SdkDriver.CallAsync(() => world.Sdk.Client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = name }));

    [When("I create a bucket named like my volume")]
    public Task CreateMine() => CreateBucket(world.Volume);

    [When("I create the bucket {string}")]
    public async Task CreateBucket(string name) =>
        world.Outcome = await SdkDriver.CallAsync(() => world.Sdk.Client.PutBucketAsync(new PutBucketRequest { BucketName = name }));

    [When("I delete my volume's bucket")]
    public async Task DeleteMine() =>
        world.Outcome = await SdkDriver.CallAsync(() => world.Sdk.Client.DeleteBucketAsync(new DeleteBucketRequest { BucketName = world.Volume }));

    [Then("the volume {string} does not exist")]
    public async Task VolumeMissing(string name)
    {
        var outcome = await SdkDriver.CallAsync(() => world.Sdk.Client.HeadBucketAsync(new HeadBucketRequest { BucketName = name }));
        Assert.Equal(404, (int)outcome.Status);
    }

    [Given("a second volume")]
    public void SecondVolume() => Assert.NotEqual(world.Volume, world.SecondSpace.Volume);

    private List<string> BucketNames() =>
        (world.LastOutcome.As<ListBucketsResponse>().Buckets ?? []).Select(b => b.BucketName).ToList();
}
