using System.Globalization;
using System.Text;
using Amazon.S3.Model;
using Reqnroll;
using S3Spec.Features.Drivers;
using Xunit;

namespace S3Spec.Features.Steps;

[Binding]
public sealed partial class MultipartSteps(S3World world)
{
    private readonly Dictionary<int, (byte[] Bytes, string ETag)> parts = [];
    private readonly List<List<int>> partPages = [];
    private string key = "";
    private string uploadId = "";
    private string? completedETag;

    [When("I start a multipart upload of {string}")]
    public async Task Start(string objectKey)
    {
        key = objectKey;
        world.Outcome = await SdkDriver.CallAsync(() => world.Sdk.Client.InitiateMultipartUploadAsync(
            new InitiateMultipartUploadRequest { BucketName = world.Volume, Key = world.Key(key) }));
        uploadId = world.LastOutcome.As<InitiateMultipartUploadResponse>().UploadId;
    }

    [When("I upload part {int} with {int} byte(s)")]
    public async Task UploadPart(int number, int size)
    {
        var bytes = new byte[size];
        new Random(number).NextBytes(bytes);
        world.Outcome = await SdkDriver.CallAsync(() => world.Sdk.Client.UploadPartAsync(new UploadPartRequest
        {
            BucketName = world.Volume,
            Key = world.Key(key),
            UploadId = uploadId,
            PartNumber = number,
            InputStream = new MemoryStream(bytes),
        }));
        if (world.LastOutcome.Succeeded)
        {
            parts[number] = (bytes, world.LastOutcome.As<UploadPartResponse>().ETag);
        }
    }

    [When("I complete the upload with the parts {string}")]
    public Task Complete(string numbers) =>
        CompleteAsync(Numbers(numbers).Select(n => new PartETag(n, parts[n].ETag)));

    [When("I complete the upload with part {int} claiming the ETag {string}")]
    public Task CompleteWrong(int number, string etag) => CompleteAsync([new PartETag(number, etag)]);

    [When("I complete the upload listing the parts in the order {string}")]
    public async Task CompleteInOrder(string numbers)
    {
        // The SDK sorts the part list, so the unordered list is sent as a signed request of its own.
        var xml = new StringBuilder("<CompleteMultipartUpload>");
        foreach (var n in Numbers(numbers))
        {
            xml.Append(CultureInfo.InvariantCulture, $"<Part><PartNumber>{n}</PartNumber><ETag>{parts[n].ETag}</ETag></Part>");
        }

        xml.Append("</CompleteMultipartUpload>");
        var response = await world.Raw.SendAsync(HttpMethod.Post, world.EncodedPath(key), "uploadId=" + Uri.EscapeDataString(uploadId), Encoding.UTF8.GetBytes(xml.ToString()));
        world.Outcome = response.ToOutcome();
    }

    [When("I list the parts with max-parts {int}")]
    public async Task ListParts(int maxParts)
    {
        var request = new ListPartsRequest { BucketName = world.Volume, Key = world.Key(key), UploadId = uploadId, MaxParts = maxParts };
        for (var guard = 0; guard < 50; guard++)
        {
            world.Outcome = await SdkDriver.CallAsync(() => world.Sdk.Client.ListPartsAsync(request));
            var page = world.LastOutcome.As<ListPartsResponse>();
            partPages.Add((page.Parts ?? []).Select(p => p.PartNumber ?? 0).ToList());
            if (page.IsTruncated != true)
            {
                return;
            }

            request.PartNumberMarker = page.NextPartNumberMarker?.ToString(CultureInfo.InvariantCulture);
        }

        Assert.Fail("ListParts did not end within 50 pages");
    }

    [Then("the part numbers listed page by page are {string}")]
    public void PartPages(string expected) =>
        Assert.Equal(expected, string.Join(" | ", partPages.Select(p => string.Join(',', p))));

    [When("I list the multipart uploads")]
    public async Task ListUploads() =>
        world.Outcome = await SdkDriver.CallAsync(() => world.Sdk.Client.ListMultipartUploadsAsync(
            new ListMultipartUploadsRequest { BucketName = world.Volume, Prefix = world.Prefix }));

    [Then("the upload of {string} is listed")]
    public void UploadListed(string objectKey) =>
        Assert.Contains(world.LastOutcome.As<ListMultipartUploadsResponse>().MultipartUploads ?? [],
            u => u.Key == world.Key(objectKey) && u.UploadId == uploadId);

    [When("I abort the upload")]
    public async Task Abort() =>
        world.Outcome = await SdkDriver.CallAsync(() => world.Sdk.Client.AbortMultipartUploadAsync(world.Volume, world.Key(key), uploadId));

    [Then("the object {string} is the {int} bytes of the parts in order")]
    public async Task ObjectIsParts(string objectKey, int size)
    {
        Assert.True((await world.Objects.GetAsync(objectKey)).Succeeded, $"GET {objectKey}: {world.Outcome}");
        var expected = parts.OrderBy(p => p.Key).SelectMany(p => p.Value.Bytes).ToArray();
        Assert.Equal(size, expected.Length);
        Assert.Equal(expected, world.LastBody);
    }

    [Then("its ETag ends with {string}")]
    public void ETagEndsWith(string suffix) => Assert.EndsWith(suffix + "\"", completedETag ?? "", StringComparison.Ordinal);

    private async Task CompleteAsync(IEnumerable<PartETag> list)
    {
        var request = new CompleteMultipartUploadRequest { BucketName = world.Volume, Key = world.Key(key), UploadId = uploadId, PartETags = list.ToList() };
        world.Outcome = await SdkDriver.CallAsync(() => world.Sdk.Client.CompleteMultipartUploadAsync(request));
        completedETag = (world.Outcome.Response as CompleteMultipartUploadResponse)?.ETag;
    }

    private static IEnumerable<int> Numbers(string list) => list.Split(',').Select(n => int.Parse(n.Trim(), CultureInfo.InvariantCulture));
}
