using System.Security.Cryptography;
using System.Text;
using Amazon.S3.Model;
using Reqnroll;
using S3Spec.Features.Drivers;
using Xunit;

namespace S3Spec.Features.Steps;

[Binding]
public sealed class ObjectSteps(S3World world)
{
    [Given("the object {string} contains {string}")]
    public async Task GivenObject(string key, string content)
    {
        var outcome = await world.Objects.PutAsync(key, content);
        Assert.True(outcome.Succeeded, $"PUT {key}: {outcome}");
        world.Remembered["etag:" + key] = outcome.As<PutObjectResponse>().ETag;
    }

    [Given("the volume holds the objects:")]
    public async Task GivenObjects(DataTable table)
    {
        foreach (var row in table.Rows)
        {
            await GivenObject(row["key"], row.TryGetValue("content", out var content) ? content : row["key"]);
        }
    }

    [When("I put {string} with the content {string}")]
    public Task Put(string key, string content) => world.Objects.PutAsync(key, content);

    [Given("I put {string} with the content {string} and the headers:")]
    [When("I put {string} with the content {string} and the headers:")]
    public Task PutWithHeaders(string key, string content, DataTable headers) =>
        world.Objects.PutAsync(key, content, headers.Rows.Select(r => KeyValuePair.Create(r["header"], r["value"])));

    [When("I put {string} with the content {string} and the Content-MD5 of {string}")]
    public Task PutWithMd5(string key, string content, string md5Of) => world.Objects.PutAsync(key, content, md5Of: md5Of);

    [When("I get {string}")]
    public Task Get(string key) => world.Objects.GetAsync(key);

    [When("I head {string}")]
    public Task Head(string key) => world.Objects.HeadAsync(key);

    [When("I head {string} twice")]
    public async Task HeadTwice(string key)
    {
        Assert.True((await world.Objects.HeadAsync(key)).Succeeded, $"HEAD {key}: {world.Outcome}");
        world.Remembered["first-head"] = world.LastObjectView.ETag;
        Assert.True((await world.Objects.HeadAsync(key)).Succeeded, $"HEAD {key}: {world.Outcome}");
    }

    [Then("both answers have the same ETag")]
    public void SameETag() => Assert.Equal(world.Remembered["first-head"], world.LastObjectView.ETag);

    [Given("I remember the ETag")]
    public void RememberETag() => world.Remembered["etag"] = world.LastObjectView.ETag;

    [Then("the ETag differs from the remembered one")]
    public void ETagDiffers() => Assert.NotEqual(world.Remembered["etag"], world.LastObjectView.ETag);

    [Then("the ETag contains {string}")]
    public void ETagContains(string part) => Assert.Contains(part, world.LastObjectView.ETag, StringComparison.Ordinal);

    [Then("the body read is not {string}")]
    public void BodyIsNot(string forbidden) => Assert.NotEqual(forbidden, world.LastBody is null ? null : world.LastBodyText);

    [When("I delete {string}")]
    public async Task Delete(string key) =>
        world.Outcome = await SdkDriver.CallAsync(() => world.Sdk.Client.DeleteObjectAsync(world.Volume, world.Key(key)));

    [Then("the object {string} has an ETag ending with {string}")]
    public async Task ObjectETagEndsWith(string key, string suffix)
    {
        Assert.True((await world.Objects.HeadAsync(key)).Succeeded, $"HEAD {key}: {world.Outcome}");
        Assert.EndsWith(suffix + "\"", world.LastObjectView.ETag, StringComparison.Ordinal);
    }

    [When("I get {string} with the range {string}")]
    public Task GetRange(string key, string range) => world.Objects.GetAsync(key, r => r.ByteRange = new ByteRange(range));

    [When("I get {string} with If-None-Match set to its ETag")]
    public Task GetIfNoneMatch(string key) => world.Objects.GetAsync(key, r => r.EtagToNotMatch = world.Remembered["etag:" + key]);

    [When("I get {string} with If-Match set to its ETag")]
    public Task GetIfMatchCurrent(string key) => world.Objects.GetAsync(key, r => r.EtagToMatch = world.Remembered["etag:" + key]);

    [When("I get {string} with If-Match set to {string}")]
    public Task GetIfMatch(string key, string etag) => world.Objects.GetAsync(key, r => r.EtagToMatch = etag);

    [When("I get {string} with If-None-Match set to {string}")]
    public Task GetIfNoneMatchValue(string key, string etag) => world.Objects.GetAsync(key, r => r.EtagToNotMatch = etag);

    [When("I get {string} asking for the response content type {string}")]
    public Task GetOverride(string key, string contentType) =>
        world.Objects.GetAsync(key, r => r.ResponseHeaderOverrides.ContentType = contentType);

    [When("I send a PUT with the content {string} to the raw path {string}")]
    public async Task RawPut(string content, string rawKey) =>
        world.Outcome = (await world.Raw.SendAsync(HttpMethod.Put, $"/{world.Volume}/{world.Prefix}{RawPaths.Expand(rawKey)}", body: Encoding.UTF8.GetBytes(content))).ToOutcome();

    [When("I send a {word} to the volume's key {string}")]
    public async Task RawRequest(string method, string rawKey) =>
        world.Outcome = (await world.Raw.SendAsync(new HttpMethod(method), $"/{world.Volume}/{world.Prefix}{RawPaths.Expand(rawKey)}",
            body: method == "PUT" ? Encoding.UTF8.GetBytes("x") : null)).ToOutcome();

    [Then("the body is {string}")]
    public void BodyIs(string expected)
    {
        Assert.True(world.LastOutcome.Succeeded, $"The read failed: {world.LastOutcome}");
        Assert.Equal(expected, world.LastBodyText);
    }

    [Then("the content type is {string}")]
    public void ContentTypeIs(string expected) => Assert.Equal(expected, world.LastObjectView.ContentType);

    [Then("the metadata {string} is {string}")]
    public void MetadataIs(string name, string expected)
    {
        Assert.True(world.LastObjectView.Metadata.TryGetValue(name, out var value), $"No x-amz-meta-{name}; metadata: {string.Join(", ", world.LastObjectView.Metadata.Keys)}");
        Assert.Equal(expected, value);
    }

    [Then("the metadata {string} read as UTF-8 bytes is {string}")]
    public void MetadataAsUtf8Is(string name, string expected)
    {
        Assert.True(world.LastObjectView.Metadata.TryGetValue(name, out var value), $"No x-amz-meta-{name}");
        Assert.Equal(expected, System.Text.Encoding.UTF8.GetString(System.Text.Encoding.Latin1.GetBytes(value)));
    }

    [Then("there is no metadata {string}")]
    public void NoMetadata(string name) => Assert.False(world.LastObjectView.Metadata.ContainsKey(name), $"x-amz-meta-{name} is still there");

    [Then("the content length is {int}")]
    public void ContentLengthIs(int expected) => Assert.Equal(expected, world.LastObjectView.ContentLength);

    [Then("the content range is {string}")]
    public void ContentRangeIs(string expected) => Assert.Equal(expected, world.LastObjectView.ContentRange);

    [Then("the ETag is the MD5 of {string}")]
    public void ETagIsMd5(string content) =>
        Assert.Equal($"\"{Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(content)))}\"", world.LastObjectView.ETag);

    [Then("the response carries no version id")]
    public void NoVersionId()
    {
        Assert.True(world.LastOutcome.Succeeded, $"The read failed: {world.LastOutcome}");
        Assert.True(string.IsNullOrEmpty(world.LastObjectView.VersionId), $"x-amz-version-id: {world.LastObjectView.VersionId}");
    }

    [Then("the object {string} contains {string}")]
    public async Task ObjectContains(string key, string expected) => Assert.Equal(expected, await world.Objects.ReadTextAsync(key));

    [Then("the object {string} does not exist")]
    public async Task ObjectMissing(string key)
    {
        var outcome = await world.Objects.HeadAsync(key);
        Assert.Equal(404, (int)outcome.Status);
    }
}
