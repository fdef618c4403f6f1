using System.Globalization;
using System.Text;
using Amazon.S3;
using Amazon.S3.Model;
using Reqnroll;
using S3Spec.Features.Drivers;
using Xunit;

namespace S3Spec.Features.Steps;

/// <summary>DeleteObjects (the multi-object delete) and the operations the profiles switch on and off.</summary>
[Binding]
public sealed class DeleteObjectsSteps(S3World world, ProtocolSteps protocol)
{
    private DeleteObjectsResponse? answer;

    [When("I delete the keys {string} with DeleteObjects")]
    public Task DeleteKeys(string keys) => DeleteAsync(Split(keys), quiet: false);

    [When("I delete the keys {string} with DeleteObjects in Quiet mode")]
    public Task DeleteKeysQuiet(string keys) => DeleteAsync(Split(keys), quiet: true);

    [When("I delete {string} and {string} with DeleteObjects")]
    public Task DeleteTwo(string first, string second) => DeleteAsync([first, second], quiet: false);

    [When("I delete {int} keys with DeleteObjects")]
    public Task DeleteMany(int count) =>
        DeleteAsync(["a.txt", .. Enumerable.Range(1, count - 1).Select(i => string.Create(CultureInfo.InvariantCulture, $"absent/{i:D4}.txt"))], quiet: false);

    [Then("the deleted keys reported are {string}")]
    public void DeletedAre(string keys) =>
        Assert.Equal(Split(keys), (Answer.DeletedObjects ?? []).Select(d => world.Unkey(d.Key)).Order(StringComparer.Ordinal).ToList());

    [Then("{int} keys are reported deleted")]
    public void DeletedCount(int count) => Assert.Equal(count, (Answer.DeletedObjects ?? []).Count);

    [Then("the key {string} is reported with the error {word}")]
    public void ErrorFor(string key, string code)
    {
        var errors = Answer.DeleteErrors ?? [];
        Assert.Contains(errors, e => world.Unkey(e.Key) == key && e.Code == code);
    }

    [When("I send DeleteObjects for {string} without Content-MD5 or a checksum")]
    public async Task WithoutDigest(string key)
    {
        var xml = $"<Delete><Object><Key>{System.Security.SecurityElement.Escape(world.Key(key))}</Key></Object></Delete>";
        world.Outcome = (await world.Raw.SendAsync(HttpMethod.Post, "/" + world.Volume, "delete", Encoding.UTF8.GetBytes(xml))).ToOutcome();
    }

    [When("I get {string} through a presigned URL")]
    public Task PresignedGet(string key) => protocol.PresignedGet(key);

    [When("I put {string} through a presigned URL")]
    public Task PresignedPut(string key) => protocol.PresignedPut(key, "presigned");

    [When("I ask for the volume's location")]
    public async Task Location() =>
        world.Outcome = await SdkDriver.CallAsync(() => world.Sdk.Client.GetBucketLocationAsync(new GetBucketLocationRequest { BucketName = world.Volume }));

    [Then("the location constraint is my region")]
    public void LocationIsRegion() => Assert.Equal(world.Target.Region, world.LastOutcome.As<GetBucketLocationResponse>().Location?.Value);

    private DeleteObjectsResponse Answer => answer ?? throw new InvalidOperationException($"DeleteObjects failed: {world.Outcome}");

    private async Task DeleteAsync(IReadOnlyList<string> keys, bool quiet)
    {
        var request = new DeleteObjectsRequest
        {
            BucketName = world.Volume,
            Quiet = quiet,
            Objects = keys.Select(k => new KeyVersion { Key = world.Key(k) }).ToList(),
        };
        answer = null;
        try
        {
            answer = await world.Sdk.Client.DeleteObjectsAsync(request);
            world.Outcome = new S3Outcome(answer.HttpStatusCode, null, null, answer);
        }
        catch (DeleteObjectsException ex)
        {
            // The SDK throws when the answer lists per-key errors; the request itself succeeded.
            answer = ex.Response;
            world.Outcome = new S3Outcome(ex.Response.HttpStatusCode, null, null, ex.Response);
        }
        catch (AmazonS3Exception ex)
        {
            world.Outcome = new S3Outcome(ex.StatusCode, ex.ErrorCode, ex.Message, null);
        }
    }

    private static List<string> Split(string keys) =>
        keys.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Order(StringComparer.Ordinal).ToList();
}
