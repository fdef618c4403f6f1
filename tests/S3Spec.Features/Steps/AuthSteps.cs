using Amazon.S3.Model;
using Reqnroll;
using S3Spec.Features.Drivers;
using Xunit;

namespace S3Spec.Features.Steps;

[Binding]
public sealed class AuthSteps(S3World world)
{
    private readonly Dictionary<string, string> secrets = new(StringComparer.Ordinal);
    private IServerInstance? server;

    [When("I list the buckets signing with the secret {string}")]
    public Task WrongSecret(string secret) => ListBucketsAs(world.Target.Endpoint, world.Target.AccessKey, secret, world.Target.Region);

    [When("I list the buckets as the unknown access key {string}")]
    public Task UnknownKey(string accessKey) => ListBucketsAs(world.Target.Endpoint, accessKey, world.Target.SecretKey, world.Target.Region);

    [When("I list the buckets signing for the region {string}")]
    public Task Region(string region) => ListBucketsAs(world.Target.Endpoint, world.Target.AccessKey, world.Target.SecretKey, region);

    [Given("a request signed with a wrong secret is refused")]
    public async Task WrongSecretRefused()
    {
        await ListBucketsAs(world.Endpoint, world.Target.AccessKey, "not-" + world.Target.SecretKey, world.Target.Region);
        Assert.True(world.LastOutcome.Status == System.Net.HttpStatusCode.Forbidden && world.LastOutcome.ErrorCode == "SignatureDoesNotMatch",
            $"This target does not check signatures (a wrong secret got {world.LastOutcome}); accepting a request then proves nothing about its time or region.");
    }

    [When("I list the buckets signing for my region in upper case")]
    public Task UpperRegion() => Region(world.Target.Region.ToUpperInvariant());

    [When("I list my volume with a request signed {int} minutes off")]
    public async Task Skewed(int minutes)
    {
        var response = await world.Raw.SendAsync(HttpMethod.Get, "/" + world.Volume, "list-type=2&prefix=" + Uri.EscapeDataString(world.Prefix),
            clockOffset: TimeSpan.FromMinutes(minutes));
        world.Outcome = response.ToOutcome();
    }

    [Then("the request is accepted")]
    public void Accepted() => Assert.True(world.LastOutcome.Succeeded, $"Expected success, got {world.LastOutcome}");

    [Then("the request is refused")]
    public void Refused()
    {
        Assert.Equal(403, (int)world.LastOutcome.Status);
        Assert.Equal("RequestTimeTooSkewed", world.LastOutcome.ErrorCode);
    }

    [Given("a server with the keys:")]
    public async Task ServerWithKeys(DataTable table)
    {
        var keys = new List<ServerKey>();
        foreach (var row in table.Rows)
        {
            var volumes = row["volumes"].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(v => v == "mine" ? world.Volume : v == "second" ? world.SecondSpace.Volume : v).ToList();
            keys.Add(new ServerKey(row["access key"], row["secret key"], volumes, ReadOnly: row["read only"] == "true"));
            secrets[row["access key"]] = row["secret key"];
        }

        server = await world.Target.StartServerWithKeysAsync(keys, CancellationToken.None);
        world.Resources.Add(server);
    }

    [When("as {string} I get {string}")]
    public async Task GetAs(string accessKey, string key)
    {
        using var sdk = As(accessKey);
        world.Outcome = await SdkDriver.CallAsync(async () =>
        {
            var response = await sdk.Client.GetObjectAsync(world.Volume, world.Key(key));
            response.Dispose();
            return response;
        });
    }

    [When("as {string} I put {string} with the content {string}")]
    public async Task PutAs(string accessKey, string key, string content)
    {
        using var sdk = As(accessKey);
        world.Outcome = await SdkDriver.CallAsync(() => sdk.Client.PutObjectAsync(
            new PutObjectRequest { BucketName = world.Volume, Key = world.Key(key), ContentBody = content }));
    }

    [When("as {string} I list the buckets")]
    public async Task ListAs(string accessKey)
    {
        using var sdk = As(accessKey);
        world.Outcome = await SdkDriver.CallAsync(() => sdk.Client.ListBucketsAsync(new ListBucketsRequest()));
    }

    private SdkDriver As(string accessKey) =>
        new((server ?? throw new InvalidOperationException("No keys-file server was started.")).Endpoint, accessKey, secrets[accessKey], world.Target.Region);

    private async Task ListBucketsAs(Uri endpoint, string accessKey, string secretKey, string region)
    {
        using var sdk = new SdkDriver(endpoint, accessKey, secretKey, region);
        world.Outcome = await SdkDriver.CallAsync(() => sdk.Client.ListBucketsAsync(new ListBucketsRequest()));
    }
}
