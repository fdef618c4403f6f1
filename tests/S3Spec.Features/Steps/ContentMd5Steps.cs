using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Reqnroll;
using S3Spec.Features.Drivers;
using Xunit;

namespace S3Spec.Features.Steps;

/// <summary>
/// Every operation that carries a body, sent through the raw driver with a Content-MD5 that is not the base64 of
/// 16 bytes (no SDK sends such a header), and what it must leave as it was.
/// </summary>
[Binding]
public sealed partial class ContentMd5Steps(S3World world)
{
    private const string Key = "md5.txt";
    private const string UploadKey = "md5-upload.txt";
    private string uploadId = "";
    private string partETag = "";

    [When("I send {word} with a Content-MD5 that is {string}")]
    public async Task Send(string operation, string kind)
    {
        var md5 = Md5(kind);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Content-MD5"] = md5 };
        var bucket = "/" + world.Volume;
        var response = operation switch
        {
            "PutObject" => await world.Raw.SendAsync(HttpMethod.Put, world.EncodedPath(Key), body: "replacement"u8.ToArray(), headers: headers),
            "UploadPart" => await world.Raw.SendAsync(HttpMethod.Put, world.EncodedPath(UploadKey), $"partNumber=2&uploadId={await Upload()}", "part two"u8.ToArray(), headers),
            "CompleteMultipartUpload" => await world.Raw.SendAsync(HttpMethod.Post, world.EncodedPath(UploadKey), $"uploadId={await Upload()}",
                Encoding.UTF8.GetBytes($"<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>{partETag}</ETag></Part></CompleteMultipartUpload>"), headers),
            "DeleteObjects" => await world.Raw.SendAsync(HttpMethod.Post, bucket, "delete",
                Encoding.UTF8.GetBytes($"<Delete><Object><Key>{world.Key(Key)}</Key></Object></Delete>"), headers),
            "PutObjectAcl" => await world.Raw.SendAsync(HttpMethod.Put, world.EncodedPath(Key), "acl", [],
                new Dictionary<string, string>(headers, StringComparer.OrdinalIgnoreCase) { ["x-amz-acl"] = "private" }),
            _ => throw new ArgumentException($"No operation named '{operation}'", nameof(operation)),
        };
        world.Outcome = response.ToOutcome();
    }

    [Then("the {word} changed nothing")]
    public async Task ChangedNothing(string operation)
    {
        Assert.Equal("original", await world.Objects.ReadTextAsync(Key));
        if (uploadId.Length == 0)
        {
            return;
        }

        // The upload is still there with exactly its first part, and no object was made of it.
        var parts = await world.Raw.SendAsync(HttpMethod.Get, world.EncodedPath(UploadKey), $"uploadId={uploadId}");
        Assert.True((int)parts.Status == 200, $"{operation}: ListParts answered {parts.Status} {parts.BodyText}");
        Assert.Equal(["1"], PartNumber().Matches(parts.BodyText).Select(m => m.Groups[1].Value));
        Assert.Equal(404, (int)(await world.Objects.HeadAsync(UploadKey)).Status);
    }

    /// <summary>An upload of <see cref="UploadKey"/> with part 1 uploaded; its id.</summary>
    private async Task<string> Upload()
    {
        var created = await world.Raw.SendAsync(HttpMethod.Post, world.EncodedPath(UploadKey), "uploads");
        uploadId = UploadIdElement().Match(created.BodyText).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(uploadId), created.BodyText);
        var part = await world.Raw.SendAsync(HttpMethod.Put, world.EncodedPath(UploadKey), $"partNumber=1&uploadId={uploadId}", "part one"u8.ToArray());
        Assert.True((int)part.Status == 200, part.BodyText);
        partETag = part.Headers["ETag"];
        return uploadId;
    }

    /// <summary>Content-MD5 values that are not the base64 of 16 bytes (a blank one reaches the server empty: the driver trims values).</summary>
    private static string Md5(string kind) => kind switch
    {
        "empty" => "",
        "not base64" => "not base64!",
        "15 bytes" => Convert.ToBase64String(MD5.HashData("x"u8)[..15]),
        "17 bytes" => Convert.ToBase64String([.. MD5.HashData("x"u8), 0]),
        _ => throw new ArgumentException($"No Content-MD5 kind named '{kind}'", nameof(kind)),
    };

    [GeneratedRegex("<UploadId>([^<]+)</UploadId>")]
    private static partial Regex UploadIdElement();

    [GeneratedRegex("<PartNumber>(\\d+)</PartNumber>")]
    private static partial Regex PartNumber();
}
