using Amazon.S3;
using Amazon.S3.Model;
using Reqnroll;
using S3Spec.Features.Drivers;
using Xunit;

namespace S3Spec.Features.Steps;

/// <summary>Multipart steps for staging, checksums, part copies and conditional completes.</summary>
public sealed partial class MultipartSteps
{
    private readonly Dictionary<int, string> partChecksums = [];
    private string checksumAlgorithm = "";
    private string firstUploadId = "";
    private CompleteMultipartUploadResponse? completed;

    [Then("the upload's parts are {string}")]
    public async Task PartsAre(string expected)
    {
        var outcome = await SdkDriver.CallAsync(() => world.Sdk.Client.ListPartsAsync(
            new ListPartsRequest { BucketName = world.Volume, Key = world.Key(key), UploadId = uploadId }));
        var listed = outcome.As<ListPartsResponse>().Parts ?? [];
        Assert.Equal(expected, string.Join(',', listed.Select(p => p.PartNumber)));
    }

    [When("I start a second multipart upload of {string}")]
    public async Task StartSecond(string objectKey)
    {
        firstUploadId = uploadId;
        await Start(objectKey);
    }

    [When("the first upload's staging files were last touched {int} days ago")]
    public void AgeFirst(int days) => Volumes.Age(world.Disk.VolumePath, firstUploadId, TimeSpan.FromDays(days));

    [Then("only the upload of {string} is listed")]
    public void OnlyListed(string objectKey)
    {
        var uploads = world.LastOutcome.As<ListMultipartUploadsResponse>().MultipartUploads ?? [];
        Assert.Equal([world.Key(objectKey)], uploads.Select(u => u.Key).ToList());
    }

    [Then("the volume's staging folder holds no files of the first upload")]
    public void FirstGone()
    {
        var files = Volumes.StagingFiles(world.Disk.VolumePath).Where(f => f.Contains(firstUploadId, StringComparison.Ordinal)).ToList();
        Assert.True(files.Count == 0, $"Still staged: {string.Join(", ", files)}");
    }

    [Then("the volume's staging folder holds part files")]
    public void PartFiles() => Assert.NotEmpty(Volumes.StagingFiles(world.Disk.VolumePath, uploadId));

    [Then("the volume's staging folder holds no part file")]
    public void NoPartFiles()
    {
        var files = Volumes.StagingFiles(world.Disk.VolumePath).Where(f => f.StartsWith(uploadId, StringComparison.Ordinal) && !f.EndsWith(".done", StringComparison.Ordinal)).ToList();
        Assert.True(files.Count == 0, $"Still staged: {string.Join(", ", files)}");
    }

    [When("I start a multipart upload of {string} with the checksum algorithm {word}")]
    public async Task StartWithChecksum(string objectKey, string algorithm)
    {
        key = objectKey;
        checksumAlgorithm = algorithm;
        var request = new InitiateMultipartUploadRequest { BucketName = world.Volume, Key = world.Key(key), ChecksumAlgorithm = ChecksumAlgorithm.FindValue(algorithm) };
        if (algorithm == "CRC64NVME")
        {
            request.ChecksumType = ChecksumType.FULL_OBJECT;
        }

        world.Outcome = await SdkDriver.CallAsync(() => world.Sdk.Client.InitiateMultipartUploadAsync(request));
        uploadId = world.LastOutcome.As<InitiateMultipartUploadResponse>().UploadId;
    }

    [When("I start a multipart upload of {string} with the checksum algorithm {word} and the checksum type {word}")]
    public async Task StartWithChecksumType(string objectKey, string algorithm, string type)
    {
        key = objectKey;
        checksumAlgorithm = algorithm;
        var request = new InitiateMultipartUploadRequest
        {
            BucketName = world.Volume,
            Key = world.Key(key),
            ChecksumAlgorithm = ChecksumAlgorithm.FindValue(algorithm),
            ChecksumType = ChecksumType.FindValue(type),
        };
        world.Outcome = await SdkDriver.CallAsync(() => world.Sdk.Client.InitiateMultipartUploadAsync(request));
        if (world.Outcome?.Response is InitiateMultipartUploadResponse started)
        {
            uploadId = started.UploadId;
        }
    }

    [Then("the answer declares the checksum algorithm {word} and the checksum type {word}")]
    public void DeclaresChecksum(string algorithm, string type)
    {
        var started = world.LastOutcome.As<InitiateMultipartUploadResponse>();
        Assert.Equal(algorithm, started.ChecksumAlgorithm?.Value);
        Assert.Equal(type, started.ChecksumType?.Value);
    }

    [When("I upload part {int} with {int} bytes and its {word} checksum")]
    public async Task UploadPartWithChecksum(int number, int size, string algorithm)
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
            ChecksumAlgorithm = ChecksumAlgorithm.FindValue(algorithm),
        }));
        var response = world.LastOutcome.As<UploadPartResponse>();
        parts[number] = (bytes, response.ETag);
        partChecksums[number] = Checksums.Of(algorithm, bytes);
        Assert.Equal(partChecksums[number], ChecksumOf(response, algorithm));
    }

    [When("I complete the upload with the parts {string} and their checksums")]
    public async Task CompleteWithChecksums(string numbers)
    {
        var list = Numbers(numbers).Select(n =>
        {
            var part = new PartETag(n, parts[n].ETag);
            var sum = partChecksums[n];
            switch (checksumAlgorithm)
            {
                case "CRC32": part.ChecksumCRC32 = sum; break;
                case "CRC32C": part.ChecksumCRC32C = sum; break;
                case "CRC64NVME": part.ChecksumCRC64NVME = sum; break;
                case "SHA1": part.ChecksumSHA1 = sum; break;
                case "SHA256": part.ChecksumSHA256 = sum; break;
            }

            return part;
        });
        await CompleteAsync(list);
        completed = world.Outcome?.Response as CompleteMultipartUploadResponse;
    }

    [Then("the completed upload carries the {word} {word} checksum of the parts")]
    public void CompletedChecksum(string kind, string algorithm) =>
        Assert.Equal(ExpectedMultipartChecksum(kind, algorithm), ChecksumOf(completed ?? throw new InvalidOperationException($"Complete failed: {world.Outcome}"), algorithm));

    [Then("the answer carries the {word} {word} checksum of the parts")]
    public void HeadChecksum(string kind, string algorithm) =>
        Assert.Equal(ExpectedMultipartChecksum(kind, algorithm), ProtocolSteps.ChecksumOf(world, algorithm));

    [When("I copy bytes {int}-{int} of {string} as part {int}")]
    public async Task CopyPart(int first, int last, string source, int number)
    {
        world.Outcome = await SdkDriver.CallAsync(() => world.Sdk.Client.CopyPartAsync(new CopyPartRequest
        {
            SourceBucket = world.Volume,
            SourceKey = world.Key(source),
            DestinationBucket = world.Volume,
            DestinationKey = world.Key(key),
            UploadId = uploadId,
            PartNumber = number,
            FirstByte = first,
            LastByte = last,
        }));
        parts[number] = ([], world.LastOutcome.As<CopyPartResponse>().ETag);
    }

    [When("I complete the upload with the copied parts")]
    public Task CompleteCopied() => CompleteAsync(parts.OrderBy(p => p.Key).Select(p => new PartETag(p.Key, p.Value.ETag)));

    [When("I complete the upload with the parts {string} and the checksum type {word}")]
    public Task CompleteWithChecksumType(string numbers, string type) => CompleteConditional(numbers, r => r.ChecksumType = ChecksumType.FindValue(type));

    [When("I complete the upload with the parts {string} if none matches {string}")]
    public Task CompleteIfNoneMatch(string numbers, string etag) => CompleteConditional(numbers, r => r.IfNoneMatch = etag);

    [When("I complete the upload with the parts {string} if its ETag matches {string}")]
    public Task CompleteIfMatch(string numbers, string etag) => CompleteConditional(numbers, r => r.IfMatch = etag);

    private async Task CompleteConditional(string numbers, Action<CompleteMultipartUploadRequest> condition)
    {
        var request = new CompleteMultipartUploadRequest
        {
            BucketName = world.Volume,
            Key = world.Key(key),
            UploadId = uploadId,
            PartETags = Numbers(numbers).Select(n => new PartETag(n, parts[n].ETag)).ToList(),
        };
        condition(request);
        world.Outcome = await SdkDriver.CallAsync(() => world.Sdk.Client.CompleteMultipartUploadAsync(request));
    }

    private string ExpectedMultipartChecksum(string kind, string algorithm)
    {
        var ordered = parts.OrderBy(p => p.Key).Select(p => p.Value.Bytes).ToList();
        return kind switch
        {
            "composite" => Checksums.Composite(algorithm, ordered),
            "full-object" => Checksums.Of(algorithm, ordered.SelectMany(b => b).ToArray()),
            _ => throw new ArgumentException($"Unknown checksum kind {kind}", nameof(kind)),
        };
    }

    private static string? ChecksumOf(object response, string algorithm) => response switch
    {
        UploadPartResponse r => Pick(algorithm, r.ChecksumCRC32, r.ChecksumCRC32C, r.ChecksumCRC64NVME, r.ChecksumSHA1, r.ChecksumSHA256),
        CompleteMultipartUploadResponse r => Pick(algorithm, r.ChecksumCRC32, r.ChecksumCRC32C, r.ChecksumCRC64NVME, r.ChecksumSHA1, r.ChecksumSHA256),
        _ => null,
    };

    internal static string? Pick(string algorithm, string? crc32, string? crc32c, string? crc64, string? sha1, string? sha256) => algorithm switch
    {
        "CRC32" => crc32,
        "CRC32C" => crc32c,
        "CRC64NVME" => crc64,
        "SHA1" => sha1,
        "SHA256" => sha256,
        _ => throw new ArgumentException($"Unknown checksum algorithm {algorithm}", nameof(algorithm)),
    };
}
