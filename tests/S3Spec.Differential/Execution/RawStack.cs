using System.Globalization;
using System.Text;
using S3Spec.Differential.Model;

namespace S3Spec.Differential.Execution;

/// <summary>
/// Raw HTTP/1.1: requests written byte for byte over one kept-alive connection per target, signed by the tests'
/// independent signer (<see cref="TestSigner"/>, over the header bytes), answers read by their framing.
/// </summary>
internal sealed class RawStack : IClientStack
{
    /// <summary>Response headers a client reads, by the field name boto3 gives them.</summary>
    private static readonly (string Header, string Field)[] ReadHeaders =
    [
        ("etag", "ETag"), ("content-length", "ContentLength"), ("content-type", "ContentType"), ("content-range", "ContentRange"),
        ("last-modified", "LastModified"), ("cache-control", "CacheControl"), ("content-disposition", "ContentDisposition"),
        ("content-encoding", "ContentEncoding"), ("content-language", "ContentLanguage"), ("expires", "Expires"),
        ("accept-ranges", "AcceptRanges"), ("x-amz-missing-meta", "MissingMeta"), ("x-amz-checksum-crc32", "ChecksumCRC32"),
        ("x-amz-checksum-crc32c", "ChecksumCRC32C"), ("x-amz-checksum-crc64nvme", "ChecksumCRC64NVME"), ("x-amz-checksum-sha1", "ChecksumSHA1"),
        ("x-amz-checksum-sha256", "ChecksumSHA256"), ("x-amz-checksum-type", "ChecksumType"), ("x-amz-copy-source-version-id", "CopySourceVersionId"),
    ];

    private readonly Dictionary<string, RawConnection> connections = new(StringComparer.Ordinal);

    public async Task<Outcome> SendAsync(Target target, string bucket, Step step, CancellationToken cancellationToken)
    {
        var (method, target_, headers, body) = Build(bucket, step);
        if (!connections.TryGetValue(target.Name, out var connection))
        {
            connection = new RawConnection(target.Endpoint.Port, TimeSpan.FromSeconds(30));
            connections[target.Name] = connection;
        }

        var payload = body.Length == 0 && method is "GET" or "HEAD" or "DELETE" ? TestSigner.EmptySha256 : TestSigner.Sha256Hex(body);
        TestSigner.SignHeaders(method, target_, headers, payload, Target.Credentials, DateTimeOffset.UtcNow, target.Host, signBytes: true);
        var request = Request(method, target_, headers, body);
        RawAnswer answer;
        try
        {
            answer = await connection.SendAsync(request, method, cancellationToken);
        }
        catch (IOException e)
        {
            connection.Close();
            return Outcome.ClientFailure("IOException: " + e.Message);
        }

        return ToOutcome(step, answer);
    }

    public ValueTask DisposeAsync()
    {
        foreach (var c in connections.Values)
        {
            c.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    public static byte[] Request(string method, string target, List<KeyValuePair<string, string>> headers, byte[] body)
    {
        var sb = new StringBuilder();
        sb.Append(method).Append(' ').Append(target).Append(" HTTP/1.1\r\n");
        foreach (var (name, value) in headers)
        {
            sb.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        if (body.Length > 0 || method is "PUT" or "POST")
        {
            sb.Append("Content-Length: ").Append(body.Length.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
        }

        sb.Append("\r\n");
        return [.. Encoding.Latin1.GetBytes(sb.ToString()), .. body];
    }

    public static string KeyPath(string bucket, string key) => "/" + bucket + "/" + S3Uri.Encode(key, keepSlash: true);

    private static (string Method, string Target, List<KeyValuePair<string, string>> Headers, byte[] Body) Build(string bucket, Step step)
    {
        var headers = new List<KeyValuePair<string, string>>();
        var query = new List<string>();
        var path = KeyPath(bucket, step.Key);
        var body = Array.Empty<byte>();
        string method;
        void Q(string name, string? value, bool always = false)
        {
            if (value is not null || always)
            {
                query.Add(value is null ? name : name + "=" + S3Uri.Encode(value));
            }
        }

        void H(string name, string? value)
        {
            if (value is not null)
            {
                headers.Add(new(name, value));
            }
        }

        void Values(Step s)
        {
            foreach (var (name, value) in s.Meta ?? [])
            {
                H("x-amz-meta-" + name, Wire.Bytes(value));
            }

            foreach (var (name, value) in s.ContentHeaders ?? [])
            {
                H(name, Wire.Bytes(value));
            }
        }

        void Conditions(Step s)
        {
            H("If-Match", s.IfMatch?.Literal);
            H("If-None-Match", s.IfNoneMatch?.Literal);
            H("If-Modified-Since", s.IfModifiedSince?.Literal);
            H("If-Unmodified-Since", s.IfUnmodifiedSince?.Literal);
        }

        switch (step.Op)
        {
            case Op.Put:
                method = "PUT";
                body = Wire.Body(step);
                Values(step);
                Conditions(step);
                H("Content-MD5", Wire.ContentMd5(step, body));
                break;
            case Op.Get or Op.Head:
                method = step.Op == Op.Get ? "GET" : "HEAD";
                H("Range", step.Range);
                Conditions(step);
                break;
            case Op.Copy:
                method = "PUT";
                H("x-amz-copy-source", "/" + bucket + "/" + S3Uri.Encode(step.SourceKey!, keepSlash: true));
                H("x-amz-metadata-directive", step.MetadataDirective);
                Values(step);
                break;
            case Op.Delete:
                method = "DELETE";
                break;
            case Op.DeleteObjects:
                method = "POST";
                path = "/" + bucket;
                Q("delete", null, always: true);
                body = Wire.DeleteXml(step);
                H("Content-MD5", Convert.ToBase64String(System.Security.Cryptography.MD5.HashData(body)));
                H("Content-Type", "application/xml");
                break;
            case Op.ListV1 or Op.ListV2:
                method = "GET";
                path = "/" + bucket;
                if (step.Op == Op.ListV2)
                {
                    Q("list-type", "2");
                    Q("continuation-token", step.ContinuationToken?.Literal);
                    Q("start-after", step.StartAfter);
                }
                else
                {
                    Q("marker", step.Marker?.Literal);
                }

                Q("prefix", step.Prefix);
                Q("delimiter", step.Delimiter);
                Q("max-keys", step.MaxKeys?.ToString(CultureInfo.InvariantCulture));
                Q("encoding-type", step.EncodingType);
                break;
            case Op.Create:
                method = "POST";
                Q("uploads", null, always: true);
                Values(step);
                break;
            case Op.UploadPart or Op.UploadPartCopy:
                method = "PUT";
                Q("partNumber", step.PartNumber.ToString(CultureInfo.InvariantCulture));
                Q("uploadId", step.UploadId);
                if (step.Op == Op.UploadPart)
                {
                    body = Wire.Body(step);
                    H("Content-MD5", Wire.ContentMd5(step, body));
                }
                else
                {
                    H("x-amz-copy-source", "/" + bucket + "/" + S3Uri.Encode(step.SourceKey!, keepSlash: true));
                    H("x-amz-copy-source-range", step.Range);
                }

                break;
            case Op.ListParts:
                method = "GET";
                Q("uploadId", step.UploadId);
                Q("max-parts", step.MaxParts?.ToString(CultureInfo.InvariantCulture));
                Q("part-number-marker", step.PartNumberMarker?.ToString(CultureInfo.InvariantCulture));
                break;
            case Op.ListUploads:
                method = "GET";
                path = "/" + bucket;
                Q("uploads", null, always: true);
                Q("prefix", step.Prefix);
                Q("delimiter", step.Delimiter);
                Q("max-uploads", step.MaxKeys?.ToString(CultureInfo.InvariantCulture));
                Q("key-marker", step.KeyMarker);
                break;
            case Op.Complete:
                method = "POST";
                Q("uploadId", step.UploadId);
                body = Wire.CompleteXml(step);
                H("If-Match", step.IfMatch?.Literal);
                H("If-None-Match", step.IfNoneMatch?.Literal);
                break;
            case Op.Abort:
                method = "DELETE";
                Q("uploadId", step.UploadId);
                break;
            case Op.CreateBucket:
                method = "PUT";
                path = "/" + step.Key;
                break;
            default:
                throw new InvalidOperationException(step.Op.ToString());
        }

        return (method, query.Count == 0 ? path : path + "?" + string.Join('&', query), headers, body);
    }

    private static Outcome ToOutcome(Step step, RawAnswer answer)
    {
        var fields = new SortedDictionary<string, string>(StringComparer.Ordinal);
        string? code = null;
        var ok = answer.Status is >= 200 and < 300;
        if (!ok)
        {
            code = XmlFlattener.ErrorCode(answer.Body);
            return new Outcome(answer.Status, code, fields);
        }

        // The headers a client reads from each answer: an object's for GET/HEAD, the ETag and checksums of a write.
        var objectRead = step.Op is Op.Get or Op.Head;
        foreach (var (header, field) in ReadHeaders)
        {
            var wanted = objectRead || (step.Op is Op.Put or Op.UploadPart && (header == "etag" || header.StartsWith("x-amz-checksum-", StringComparison.Ordinal)));
            if (wanted && answer.Header(header) is { } value)
            {
                fields[field] = value;
            }
        }

        foreach (var (name, value) in answer.Headers)
        {
            if (objectRead && name.StartsWith("x-amz-meta-", StringComparison.OrdinalIgnoreCase))
            {
                fields["Metadata." + name[11..].ToLowerInvariant()] = value;
            }
        }

        if (step.Op == Op.Get)
        {
            fields["Body"] = Wire.Summary(answer.Body);
        }
        else if (answer.Body.Length > 0)
        {
            XmlFlattener.Flatten(answer.Body, fields);
        }

        return new Outcome(answer.Status, code, fields);
    }
}
