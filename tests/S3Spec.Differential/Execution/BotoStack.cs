using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using S3Spec.Differential.Model;

namespace S3Spec.Differential.Execution;

/// <summary>
/// boto3 through boto_executor.py: one Python process for both targets, driven with JSON lines over stdin/stdout,
/// killed by its PID at the end.
/// </summary>
internal sealed class BotoStack : IClientStack
{
    private static readonly Dictionary<string, string> ContentParams = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Content-Type"] = "ContentType", ["Cache-Control"] = "CacheControl", ["Content-Disposition"] = "ContentDisposition",
        ["Content-Encoding"] = "ContentEncoding", ["Content-Language"] = "ContentLanguage", ["Expires"] = "Expires",
    };

    private readonly Process process;
    private readonly SemaphoreSlim gate = new(1, 1);

    private BotoStack(Process process) => this.process = process;

    public static async Task<BotoStack> StartAsync(IEnumerable<Target> targets, string python)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "boto_executor.py");
        var start = new ProcessStartInfo(python)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = false,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(script);
        start.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        start.Environment["AWS_CONFIG_FILE"] = "/dev/null";
        start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null";
        start.Environment["PYTHONIOENCODING"] = "utf-8";
        var process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
        var stack = new BotoStack(process);
        var config = new JsonObject
        {
            ["targets"] = new JsonObject(targets.Select(t => KeyValuePair.Create(t.Name, (JsonNode?)JsonValue.Create(t.Endpoint.ToString().TrimEnd('/'))))),
            ["access_key"] = Target.AccessKey,
            ["secret_key"] = Target.SecretKey,
            ["region"] = Target.Region,
        };
        await process.StandardInput.WriteLineAsync(config.ToJsonString());
        await process.StandardInput.FlushAsync();
        var ready = await process.StandardOutput.ReadLineAsync();
        if (ready is null || !ready.Contains("ready", StringComparison.Ordinal))
        {
            await stack.DisposeAsync();
            throw new InvalidOperationException($"boto_executor.py did not start (python: {python}); is boto3 installed?");
        }

        return stack;
    }

    public async Task<Outcome> SendAsync(Target target, string bucket, Step step, CancellationToken cancellationToken)
    {
        var request = Request(target.Name, bucket, step);
        await gate.WaitAsync(cancellationToken);
        try
        {
            await process.StandardInput.WriteLineAsync(request.ToJsonString().AsMemory(), cancellationToken);
            await process.StandardInput.FlushAsync(cancellationToken);
            var line = await process.StandardOutput.ReadLineAsync(cancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(120), cancellationToken)
                ?? throw new InvalidOperationException("boto_executor.py ended");
            var answer = JsonNode.Parse(line)!.AsObject();
            var fields = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var (name, value) in answer["fields"]!.AsObject())
            {
                fields[name] = value!.GetValue<string>();
            }

            return new Outcome(answer["status"]!.GetValue<int>(), answer["code"]?.GetValue<string>(), fields);
        }
        finally
        {
            gate.Release();
        }
    }

    public void Kill()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // gone
        }
    }

    public ValueTask DisposeAsync()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // gone
        }

        process.Dispose();
        gate.Dispose();
        return ValueTask.CompletedTask;
    }

    private static JsonObject Request(string target, string bucket, Step step)
    {
        var p = new JsonObject { ["Bucket"] = bucket };
        var request = new JsonObject { ["target"] = target, ["params"] = p };
        void Set(string name, string? value)
        {
            if (value is not null)
            {
                p[name] = value;
            }
        }

        void SetInt(string name, int? value)
        {
            if (value is not null)
            {
                p[name] = value.Value;
            }
        }

        void Values(Step s)
        {
            if (s.Meta is { } meta)
            {
                p["Metadata"] = new JsonObject(meta.Select(m => KeyValuePair.Create(m.Key, (JsonNode?)JsonValue.Create(m.Value.Text))));
            }

            foreach (var (name, value) in s.ContentHeaders ?? [])
            {
                p[ContentParams[name]] = value.Text;
            }
        }

        void Conditions(Step s)
        {
            Set("IfMatch", s.IfMatch?.Literal);
            Set("IfNoneMatch", s.IfNoneMatch?.Literal);
            Set("IfModifiedSince", Iso(s.IfModifiedSince?.Literal));
            Set("IfUnmodifiedSince", Iso(s.IfUnmodifiedSince?.Literal));
        }

        string op;
        switch (step.Op)
        {
            case Op.Put:
                op = "put_object";
                p["Key"] = step.Key;
                request["body_b64"] = Convert.ToBase64String(Wire.Body(step));
                Values(step);
                Set("IfMatch", step.IfMatch?.Literal);
                Set("IfNoneMatch", step.IfNoneMatch?.Literal);
                Set("ContentMD5", Wire.ContentMd5(step, Wire.Body(step)));
                break;
            case Op.Get or Op.Head:
                op = step.Op == Op.Get ? "get_object" : "head_object";
                p["Key"] = step.Key;
                Set("Range", step.Range);
                Conditions(step);
                break;
            case Op.Copy:
                op = "copy_object";
                p["Key"] = step.Key;
                p["CopySource"] = new JsonObject { ["Bucket"] = bucket, ["Key"] = step.SourceKey };
                Set("MetadataDirective", step.MetadataDirective);
                Values(step);
                break;
            case Op.Delete:
                op = "delete_object";
                p["Key"] = step.Key;
                break;
            case Op.DeleteObjects:
                op = "delete_objects";
                p["Delete"] = new JsonObject
                {
                    ["Objects"] = new JsonArray([.. (step.Keys ?? []).Select(k => (JsonNode)new JsonObject { ["Key"] = k })]),
                    ["Quiet"] = step.Quiet,
                };
                break;
            case Op.ListV1 or Op.ListV2:
                op = step.Op == Op.ListV1 ? "list_objects" : "list_objects_v2";
                Set("Prefix", step.Prefix);
                Set("Delimiter", step.Delimiter);
                SetInt("MaxKeys", step.MaxKeys);
                Set("EncodingType", step.EncodingType);
                Set(step.Op == Op.ListV1 ? "Marker" : "ContinuationToken", step.Op == Op.ListV1 ? step.Marker?.Literal : step.ContinuationToken?.Literal);
                Set("StartAfter", step.StartAfter);
                break;
            case Op.Create:
                op = "create_multipart_upload";
                p["Key"] = step.Key;
                Values(step);
                break;
            case Op.UploadPart:
                op = "upload_part";
                p["Key"] = step.Key;
                p["PartNumber"] = step.PartNumber;
                p["UploadId"] = step.UploadId;
                request["body_b64"] = Convert.ToBase64String(Wire.Body(step));
                Set("ContentMD5", Wire.ContentMd5(step, Wire.Body(step)));
                break;
            case Op.UploadPartCopy:
                op = "upload_part_copy";
                p["Key"] = step.Key;
                p["PartNumber"] = step.PartNumber;
                p["UploadId"] = step.UploadId;
                p["CopySource"] = new JsonObject { ["Bucket"] = bucket, ["Key"] = step.SourceKey };
                Set("CopySourceRange", step.Range);
                break;
            case Op.ListParts:
                op = "list_parts";
                p["Key"] = step.Key;
                p["UploadId"] = step.UploadId;
                SetInt("MaxParts", step.MaxParts);
                SetInt("PartNumberMarker", step.PartNumberMarker);
                break;
            case Op.ListUploads:
                op = "list_multipart_uploads";
                Set("Prefix", step.Prefix);
                Set("Delimiter", step.Delimiter);
                SetInt("MaxUploads", step.MaxKeys);
                Set("KeyMarker", step.KeyMarker);
                break;
            case Op.Complete:
                op = "complete_multipart_upload";
                p["Key"] = step.Key;
                p["UploadId"] = step.UploadId;
                p["MultipartUpload"] = new JsonObject
                {
                    ["Parts"] = new JsonArray([.. (step.ResolvedParts ?? []).Select(x => (JsonNode)new JsonObject { ["PartNumber"] = x.PartNumber, ["ETag"] = x.ETag })]),
                };
                Set("IfMatch", step.IfMatch?.Literal);
                Set("IfNoneMatch", step.IfNoneMatch?.Literal);
                break;
            case Op.Abort:
                op = "abort_multipart_upload";
                p["Key"] = step.Key;
                p["UploadId"] = step.UploadId;
                break;
            case Op.CreateBucket:
                op = "create_bucket";
                p["Bucket"] = step.Key;
                break;
            default:
                throw new InvalidOperationException(step.Op.ToString());
        }

        request["op"] = op;
        return request;
    }

    private static string? Iso(string? httpDate) =>
        httpDate is not null && DateTimeOffset.TryParse(httpDate, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d)
            ? d.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : httpDate;
}
