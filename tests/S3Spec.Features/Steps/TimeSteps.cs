using System.Text;
using Reqnroll;
using S3Spec.Features.Drivers;
using Xunit;

namespace S3Spec.Features.Steps;

/// <summary>Clock skew on signed requests, regions, and presigned URLs made by the suite's own signer.</summary>
[Binding]
public sealed class TimeSteps(S3World world)
{
    private string url = "";
    private HttpMethod method = HttpMethod.Get;
    private string presignedKey = "";

    [When("I put {string} with the content {string} signed {int} minutes off")]
    public async Task SkewedPut(string key, string content, int minutes) =>
        world.Outcome = (await world.Raw.SendAsync(HttpMethod.Put, world.EncodedPath(key), body: Encoding.UTF8.GetBytes(content), clockOffset: TimeSpan.FromMinutes(minutes))).ToOutcome();

    [When("I list my volume with a request signed for the region {string}")]
    public async Task ListInRegion(string region)
    {
        var response = await world.Raw.SendAsync(HttpMethod.Get, "/" + world.Volume, "list-type=2&prefix=" + Uri.EscapeDataString(world.Prefix), signingRegion: region);
        world.Outcome = response.ToOutcome();
    }

    [When("I list my volume with a request signed for my region written in {word} case")]
    public Task ListInMyRegion(string spelling) => ListInRegion(spelling switch
    {
        "lower" => world.Target.Region.ToLowerInvariant(),
        "upper" => world.Target.Region.ToUpperInvariant(),
        "mixed" => string.Concat(world.Target.Region.Select((c, i) => i % 2 == 0 ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c))),
        _ => throw new ArgumentException($"'{spelling}' is not lower, upper or mixed", nameof(spelling)),
    });

    [When("I put {string} with the content {string} signed for the region {string}")]
    public async Task PutInRegion(string key, string content, string region) =>
        world.Outcome = (await world.Raw.SendAsync(HttpMethod.Put, world.EncodedPath(key), body: Encoding.UTF8.GetBytes(content), signingRegion: region)).ToOutcome();

    [Then("the error's Region is my region")]
    public void ErrorRegion() => Assert.Equal(world.Target.Region, ((RawResponse)world.LastOutcome.Response!).XmlElement("Region"));

    [Then("the error message mentions {string}")]
    public void ErrorMentions(string text) => Assert.Contains(text, world.LastOutcome.ErrorMessage ?? "", StringComparison.Ordinal);

    [When("I get {string} through a URL I presigned dated {int} minutes from now, valid for {long} seconds")]
    public async Task GetPresigned(string key, int minutes, long expires)
    {
        Presigned(HttpMethod.Get, key, expires, TimeSpan.FromMinutes(minutes));
        await UseUrl();
    }

    [Then("the presigned request is accepted")]
    public void Accepted()
    {
        Assert.True(world.LastOutcome.Succeeded, $"Expected success, got {world.LastOutcome}");
        Assert.Equal("presigned content", world.LastBodyText);
    }

    [Then("the presigned request is refused with {int} {word}")]
    public void Refused(int status, string code)
    {
        Assert.Equal(status, (int)world.LastOutcome.Status);
        Assert.Equal(code, world.LastOutcome.ErrorCode);
    }

    [Given("a URL I presigned for {word} {string} valid for {int} second(s)")]
    public void Presign(string verb, string key, int seconds) => Presigned(new HttpMethod(verb), key, seconds, TimeSpan.Zero);

    [When("I wait {int} seconds")]
    public Task Wait(int seconds) => Task.Delay(TimeSpan.FromSeconds(seconds));

    [When("I use that presigned URL")]
    public Task UseUrl() => Send(url);

    [When("I use that presigned URL with another key")]
    public Task UseOtherKey() => Send(url.Replace(Escape(presignedKey), Escape("other.txt"), StringComparison.Ordinal));

    [When("I use that presigned URL with a longer X-Amz-Expires")]
    public Task UseLongerExpiry() => Send(System.Text.RegularExpressions.Regex.Replace(url, "X-Amz-Expires=\\d+", "X-Amz-Expires=3600"));

    [When("I use that presigned URL with a changed signature")]
    public Task UseChangedSignature()
    {
        var index = url.IndexOf("X-Amz-Signature=", StringComparison.Ordinal) + "X-Amz-Signature=".Length;
        var flipped = url[index] == '0' ? '1' : '0';
        return Send(string.Concat(url.AsSpan(0, index), flipped.ToString(), url.AsSpan(index + 1)));
    }

    private void Presigned(HttpMethod verb, string key, long expires, TimeSpan offset)
    {
        method = verb;
        presignedKey = key;
        url = world.Raw.Presign(verb, world.EncodedPath(key), expires, offset);
    }

    private async Task Send(string target)
    {
        var response = await world.Raw.SendToUrlAsync(method, target, method == HttpMethod.Put ? Encoding.UTF8.GetBytes("x") : null);
        world.Outcome = response.ToOutcome();
        world.LastBody = response.Body;
    }

    private string Escape(string key) => world.EncodedPath(key);
}
