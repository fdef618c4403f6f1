using System.Globalization;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using S3Spec.Differential.Model;

namespace S3Spec.Differential.Execution;

/// <summary>
/// AWSSDK.S3 (the .NET SDK) with its defaults for an http endpoint, path-style, no retries, explicit credentials and
/// region. The typed responses are flattened into the field names boto3 uses.
/// </summary>
internal sealed class SdkStack : IClientStack
{
    private readonly Dictionary<string, AmazonS3Client> clients = new(StringComparer.Ordinal);

    public async Task<Outcome> SendAsync(Target target, string bucket, Step step, CancellationToken cancellationToken)
    {
        var client = Client(target);
        var fields = new SortedDictionary<string, string>(StringComparer.Ordinal);
        try
        {
            var status = await SendAsync(client, bucket, step, fields, cancellationToken);
            return new Outcome(status, null, fields);
        }
        catch (AmazonS3Exception e) when ((int)e.StatusCode != 0)
        {
            return new Outcome((int)e.StatusCode, e.ErrorCode, []);
        }
        catch (AmazonServiceException e)
        {
            return Outcome.ClientFailure(e.GetType().Name + (e.InnerException is { } inner ? "/" + inner.GetType().Name : ""));
        }
        catch (AmazonClientException e)
        {
            return Outcome.ClientFailure(e.GetType().Name);
        }
        catch (Exception e) when (e is HttpRequestException or ArgumentException or FormatException or System.Xml.XmlException or InvalidOperationException or IOException)
        {
            return Outcome.ClientFailure(e.GetType().Name);
        }
    }

    public static AmazonS3Client NewClient(Uri endpoint) =>
        new(new BasicAWSCredentials(Target.AccessKey, Target.SecretKey), new AmazonS3Config
        {
            ServiceURL = endpoint.ToString(),
            ForcePathStyle = true,
            AuthenticationRegion = Target.Region,
            MaxErrorRetry = 0,
            Timeout = TimeSpan.FromSeconds(60),
        });

    public ValueTask DisposeAsync()
    {
        foreach (var c in clients.Values)
        {
            c.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    private AmazonS3Client Client(Target target)
    {
        if (!clients.TryGetValue(target.Name, out var client))
        {
            client = NewClient(target.Endpoint);
            clients[target.Name] = client;
        }

        return client;
    }

    private static async Task<int> SendAsync(AmazonS3Client s3, string bucket, Step step, SortedDictionary<string, string> f, CancellationToken ct)
    {
        switch (step.Op)
        {
            case Op.Put:
            {
                var body = Wire.Body(step);
                var request = new PutObjectRequest { BucketName = bucket, Key = step.Key, InputStream = new MemoryStream(body), AutoCloseStream = true };
                Values(step, request.Metadata, request.Headers);
                if (Wire.ContentMd5(step, body) is { } md5)
                {
                    request.MD5Digest = md5;
                }

                request.IfMatch = step.IfMatch?.Literal;
                request.IfNoneMatch = step.IfNoneMatch?.Literal;
                var r = await s3.PutObjectAsync(request, ct);
                Set(f, "ETag", r.ETag);
                Checksums(f, r.ChecksumCRC32, r.ChecksumCRC32C, r.ChecksumCRC64NVME, r.ChecksumSHA1, r.ChecksumSHA256);
                return (int)r.HttpStatusCode;
            }

            case Op.Get:
            {
                var request = new GetObjectRequest { BucketName = bucket, Key = step.Key };
                if (step.Range is { } range)
                {
                    request.ByteRange = ParseRange(range);
                }

                request.EtagToMatch = step.IfMatch?.Literal;
                request.EtagToNotMatch = step.IfNoneMatch?.Literal;
                request.ModifiedSinceDate = Date(step.IfModifiedSince);
                request.UnmodifiedSinceDate = Date(step.IfUnmodifiedSince);
                using var r = await s3.GetObjectAsync(request, ct);
                using var copy = new MemoryStream();
                await r.ResponseStream.CopyToAsync(copy, ct);
                f["Body"] = Wire.Summary(copy.ToArray());
                Object(f, r.ETag, r.ContentLength, r.Headers, r.Metadata, r.LastModified);
                Set(f, "ContentRange", r.ContentRange);
                return (int)r.HttpStatusCode;
            }

            case Op.Head:
            {
                var request = new GetObjectMetadataRequest { BucketName = bucket, Key = step.Key };
                request.EtagToMatch = step.IfMatch?.Literal;
                request.EtagToNotMatch = step.IfNoneMatch?.Literal;
                request.ModifiedSinceDate = Date(step.IfModifiedSince);
                request.UnmodifiedSinceDate = Date(step.IfUnmodifiedSince);
                if (step.Range is not null)
                {
                    // The SDK's HeadObject has no Range; the step is sent without it on both servers.
                }

                var r = await s3.GetObjectMetadataAsync(request, ct);
                Object(f, r.ETag, r.ContentLength, r.Headers, r.Metadata, r.LastModified);
                return (int)r.HttpStatusCode;
            }

            case Op.Copy:
            {
                var request = new CopyObjectRequest { SourceBucket = bucket, SourceKey = step.SourceKey, DestinationBucket = bucket, DestinationKey = step.Key };
                if (step.MetadataDirective is { } directive)
                {
                    request.MetadataDirective = directive == "REPLACE" ? S3MetadataDirective.REPLACE : S3MetadataDirective.COPY;
                }

                Values(step, request.Metadata, request.Headers);
                var r = await s3.CopyObjectAsync(request, ct);
                Set(f, "CopyObjectResult.ETag", r.ETag);
                Set(f, "CopyObjectResult.LastModified", r.LastModified);
                return (int)r.HttpStatusCode;
            }

            case Op.Delete:
            {
                var r = await s3.DeleteObjectAsync(new DeleteObjectRequest { BucketName = bucket, Key = step.Key }, ct);
                return (int)r.HttpStatusCode;
            }

            case Op.DeleteObjects:
            {
                var request = new DeleteObjectsRequest { BucketName = bucket, Quiet = step.Quiet };
                foreach (var key in step.Keys ?? [])
                {
                    request.AddKey(key);
                }

                try
                {
                    var r = await s3.DeleteObjectsAsync(request, ct);
                    Deleted(f, r.DeletedObjects, r.DeleteErrors);
                    return (int)r.HttpStatusCode;
                }
                catch (DeleteObjectsException e)
                {
                    Deleted(f, e.Response.DeletedObjects, e.Response.DeleteErrors);
                    return (int)e.Response.HttpStatusCode;
                }
            }

            case Op.ListV1:
            {
                var request = new ListObjectsRequest { BucketName = bucket, Prefix = step.Prefix, Delimiter = step.Delimiter, Marker = step.Marker?.Literal };
                if (step.MaxKeys is { } max)
                {
                    request.MaxKeys = max;
                }

                if (step.EncodingType is { } encoding)
                {
                    request.Encoding = EncodingType.FindValue(encoding);
                }

                var r = await s3.ListObjectsAsync(request, ct);
                Set(f, "IsTruncated", r.IsTruncated);
                Set(f, "Marker", r.Marker);
                Set(f, "NextMarker", r.NextMarker);
                Set(f, "Prefix", r.Prefix);
                Set(f, "Delimiter", r.Delimiter);
                Set(f, "MaxKeys", r.MaxKeys);
                Set(f, "EncodingType", r.Encoding?.Value);
                Contents(f, r.S3Objects, r.CommonPrefixes);
                return (int)r.HttpStatusCode;
            }

            case Op.ListV2:
            {
                var request = new ListObjectsV2Request
                {
                    BucketName = bucket, Prefix = step.Prefix, Delimiter = step.Delimiter, ContinuationToken = step.ContinuationToken?.Literal, StartAfter = step.StartAfter,
                };
                if (step.MaxKeys is { } max)
                {
                    request.MaxKeys = max;
                }

                if (step.EncodingType is { } encoding)
                {
                    request.Encoding = EncodingType.FindValue(encoding);
                }

                var r = await s3.ListObjectsV2Async(request, ct);
                Set(f, "IsTruncated", r.IsTruncated);
                Set(f, "KeyCount", r.KeyCount);
                Set(f, "ContinuationToken", r.ContinuationToken);
                Set(f, "NextContinuationToken", r.NextContinuationToken);
                Set(f, "StartAfter", r.StartAfter);
                Set(f, "Prefix", r.Prefix);
                Set(f, "Delimiter", r.Delimiter);
                Set(f, "MaxKeys", r.MaxKeys);
                Set(f, "EncodingType", r.Encoding?.Value);
                Contents(f, r.S3Objects, r.CommonPrefixes);
                return (int)r.HttpStatusCode;
            }

            case Op.Create:
            {
                var request = new InitiateMultipartUploadRequest { BucketName = bucket, Key = step.Key };
                Values(step, request.Metadata, request.Headers);
                var r = await s3.InitiateMultipartUploadAsync(request, ct);
                Set(f, "Bucket", r.BucketName);
                Set(f, "Key", r.Key);
                Set(f, "UploadId", r.UploadId);
                return (int)r.HttpStatusCode;
            }

            case Op.UploadPart:
            {
                var body = Wire.Body(step);
                var request = new UploadPartRequest
                {
                    BucketName = bucket, Key = step.Key, UploadId = step.UploadId, PartNumber = step.PartNumber, InputStream = new MemoryStream(body),
                };
                if (Wire.ContentMd5(step, body) is { } md5)
                {
                    request.MD5Digest = md5;
                }

                var r = await s3.UploadPartAsync(request, ct);
                Set(f, "ETag", r.ETag);
                return (int)r.HttpStatusCode;
            }

            case Op.UploadPartCopy:
            {
                var request = new CopyPartRequest
                {
                    SourceBucket = bucket, SourceKey = step.SourceKey, DestinationBucket = bucket, DestinationKey = step.Key, UploadId = step.UploadId, PartNumber = step.PartNumber,
                };
                if (step.Range is { } range)
                {
                    var (first, last) = CopyRange(range);
                    request.FirstByte = first;
                    request.LastByte = last;
                }

                var r = await s3.CopyPartAsync(request, ct);
                Set(f, "CopyPartResult.ETag", r.ETag);
                Set(f, "CopyPartResult.LastModified", r.LastModified);
                return (int)r.HttpStatusCode;
            }

            case Op.ListParts:
            {
                var request = new ListPartsRequest { BucketName = bucket, Key = step.Key, UploadId = step.UploadId, MaxParts = step.MaxParts };
                if (step.PartNumberMarker is { } marker)
                {
                    request.PartNumberMarker = marker.ToString(CultureInfo.InvariantCulture);
                }

                var r = await s3.ListPartsAsync(request, ct);
                Set(f, "Bucket", r.BucketName);
                Set(f, "Key", r.Key);
                Set(f, "UploadId", r.UploadId);
                Set(f, "IsTruncated", r.IsTruncated);
                Set(f, "MaxParts", r.MaxParts);
                Set(f, "PartNumberMarker", r.PartNumberMarker);
                Set(f, "NextPartNumberMarker", r.NextPartNumberMarker);
                Set(f, "StorageClass", r.StorageClass);
                var i = 0;
                foreach (var part in r.Parts ?? [])
                {
                    Set(f, $"Parts[{i}].PartNumber", part.PartNumber);
                    Set(f, $"Parts[{i}].ETag", part.ETag);
                    Set(f, $"Parts[{i}].Size", part.Size);
                    Set(f, $"Parts[{i}].LastModified", part.LastModified);
                    i++;
                }

                return (int)r.HttpStatusCode;
            }

            case Op.ListUploads:
            {
                var request = new ListMultipartUploadsRequest { BucketName = bucket, Prefix = step.Prefix, Delimiter = step.Delimiter, KeyMarker = step.KeyMarker, MaxUploads = step.MaxKeys };
                var r = await s3.ListMultipartUploadsAsync(request, ct);
                Set(f, "Bucket", r.BucketName);
                Set(f, "KeyMarker", r.KeyMarker);
                Set(f, "NextKeyMarker", r.NextKeyMarker);
                Set(f, "UploadIdMarker", r.UploadIdMarker);
                Set(f, "NextUploadIdMarker", r.NextUploadIdMarker);
                Set(f, "Prefix", r.Prefix);
                Set(f, "Delimiter", r.Delimiter);
                Set(f, "MaxUploads", r.MaxUploads);
                Set(f, "IsTruncated", r.IsTruncated);
                var i = 0;
                foreach (var u in r.MultipartUploads ?? [])
                {
                    Set(f, $"Uploads[{i}].Key", u.Key);
                    Set(f, $"Uploads[{i}].UploadId", u.UploadId);
                    Set(f, $"Uploads[{i}].Initiated", u.Initiated);
                    Set(f, $"Uploads[{i}].StorageClass", u.StorageClass?.ToString());
                    i++;
                }

                i = 0;
                foreach (var prefix in r.CommonPrefixes ?? [])
                {
                    Set(f, $"CommonPrefixes[{i++}].Prefix", prefix);
                }

                return (int)r.HttpStatusCode;
            }

            case Op.Complete:
            {
                var request = new CompleteMultipartUploadRequest { BucketName = bucket, Key = step.Key, UploadId = step.UploadId };
                request.PartETags = [.. (step.ResolvedParts ?? []).Select(p => new PartETag(p.PartNumber, p.ETag))];
                request.IfMatch = step.IfMatch?.Literal;
                request.IfNoneMatch = step.IfNoneMatch?.Literal;
                var r = await s3.CompleteMultipartUploadAsync(request, ct);
                Set(f, "Bucket", r.BucketName);
                Set(f, "Key", r.Key);
                Set(f, "ETag", r.ETag);
                Set(f, "Location", r.Location);
                return (int)r.HttpStatusCode;
            }

            case Op.Abort:
            {
                var r = await s3.AbortMultipartUploadAsync(new AbortMultipartUploadRequest { BucketName = bucket, Key = step.Key, UploadId = step.UploadId }, ct);
                return (int)r.HttpStatusCode;
            }

            default:
                throw new InvalidOperationException(step.Op.ToString());
        }
    }

    private static void Values(Step step, MetadataCollection metadata, HeadersCollection headers)
    {
        foreach (var (name, value) in step.Meta ?? [])
        {
            metadata.Add(name, value.Text);
        }

        foreach (var (name, value) in step.ContentHeaders ?? [])
        {
            switch (name)
            {
                case "Content-Type": headers.ContentType = value.Text; break;
                case "Cache-Control": headers.CacheControl = value.Text; break;
                case "Content-Disposition": headers.ContentDisposition = value.Text; break;
                case "Content-Encoding": headers.ContentEncoding = value.Text; break;
                case "Content-Language": headers["Content-Language"] = value.Text; break;
                default: break;
            }
        }
    }

    private static void Object(SortedDictionary<string, string> f, string? etag, long? length, HeadersCollection headers, MetadataCollection metadata, DateTime? lastModified)
    {
        Set(f, "ETag", etag);
        Set(f, "ContentLength", length);
        Set(f, "ContentType", headers.ContentType);
        Set(f, "CacheControl", headers.CacheControl);
        Set(f, "ContentDisposition", headers.ContentDisposition);
        Set(f, "ContentEncoding", headers.ContentEncoding);
        Set(f, "ContentLanguage", headers["Content-Language"]);
        Set(f, "LastModified", lastModified);
        foreach (var key in metadata.Keys)
        {
            var name = key.StartsWith("x-amz-meta-", StringComparison.OrdinalIgnoreCase) ? key[11..] : key;
            Set(f, "Metadata." + name.ToLowerInvariant(), metadata[key]);
        }
    }

    private static void Contents(SortedDictionary<string, string> f, List<S3Object>? objects, List<string>? prefixes)
    {
        var i = 0;
        foreach (var o in objects ?? [])
        {
            Set(f, $"Contents[{i}].Key", o.Key);
            Set(f, $"Contents[{i}].Size", o.Size);
            Set(f, $"Contents[{i}].ETag", o.ETag);
            Set(f, $"Contents[{i}].LastModified", o.LastModified);
            Set(f, $"Contents[{i}].StorageClass", o.StorageClass?.Value);
            i++;
        }

        i = 0;
        foreach (var p in prefixes ?? [])
        {
            Set(f, $"CommonPrefixes[{i++}].Prefix", p);
        }
    }

    private static void Deleted(SortedDictionary<string, string> f, List<DeletedObject>? deleted, List<DeleteError>? errors)
    {
        var i = 0;
        foreach (var d in deleted ?? [])
        {
            Set(f, $"Deleted[{i++}].Key", d.Key);
        }

        i = 0;
        foreach (var e in errors ?? [])
        {
            Set(f, $"Errors[{i}].Key", e.Key);
            Set(f, $"Errors[{i}].Code", e.Code);
            i++;
        }
    }

    private static void Checksums(SortedDictionary<string, string> f, params string?[] values)
    {
        string[] names = ["ChecksumCRC32", "ChecksumCRC32C", "ChecksumCRC64NVME", "ChecksumSHA1", "ChecksumSHA256"];
        for (var i = 0; i < names.Length; i++)
        {
            Set(f, names[i], values[i]);
        }
    }

    private static ByteRange ParseRange(string range) => new(range);

    /// <summary>"bytes=N-M" (the only form the SDK's CopyPart can send, see <see cref="Generation.Expressible"/>).</summary>
    public static (long First, long Last) CopyRange(string range)
    {
        var spec = range["bytes=".Length..].Split('-');
        return (long.Parse(spec[0], CultureInfo.InvariantCulture), long.Parse(spec[1], CultureInfo.InvariantCulture));
    }

    private static DateTime? Date(Ref? value) =>
        value?.Literal is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d) ? d.UtcDateTime : null;

    private static void Set(SortedDictionary<string, string> f, string name, object? value)
    {
        switch (value)
        {
            case null:
                return;
            case string s:
                f[name] = s;
                return;
            case bool b:
                f[name] = b ? "true" : "false";
                return;
            case DateTime d:
                f[name] = d.ToUniversalTime().ToString("o", CultureInfo.InvariantCulture);
                return;
            case IFormattable x:
                f[name] = x.ToString(null, CultureInfo.InvariantCulture);
                return;
            default:
                f[name] = value.ToString() ?? "";
                return;
        }
    }
}
