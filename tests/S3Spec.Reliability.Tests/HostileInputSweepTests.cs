using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using S3Spec.Reliability.Harness;
using S3Spec.Testing;

namespace S3Spec.Reliability;

public sealed class SweepWorld() : ServerWorld(["sweep"]);

/// <summary>
/// Every operation of spec/s3.yaml, every header and query parameter it declares (and the header families read
/// outside the spec), each with every hostile value: never a 500, every refusal an S3 error from the table. The
/// operations and parameters come from the spec itself, so a parameter added later is swept without a change here.
/// </summary>
public sealed partial class HostileInputSweepTests(SweepWorld world) : IClassFixture<SweepWorld>
{
    /// <summary>Header values as bytes (one char each); CR, LF and NUL cannot be sent inside a header line.</summary>
    private static readonly string[] HeaderValues =
    [
        "", " ", "\t", "a\u0001b", "\u007f", "\u000b", "caf\u00e9", "K\u00c3\u00b6ln", new string('x', 8192), "-1", "0",
        "99999999999999999999", "*", "\"\"", "\"", ",", ",,", "bytes=9-1", "bytes=-0", "bytes=0-0,-1", "Thu, 99 Foo 9999 99:99:99 GMT",
        "=?UTF-8?B?S8O2bG4=?=", "%", "%zz", "../../etc/passwd", "/sweep/../sweep/src.txt", "<x/>", "null", "true", "CRC32", "\u00ff\u00fe",
    ];

    /// <summary>Query values as sent, percent-encoded where they must be.</summary>
    private static readonly string[] QueryValues =
    [
        "", "%20", "%09", "%0A", "%0D%0A", "%01", "%7F", "%00", "%C3%A9", "%E9", "%FF%FE", "%", "%zz", "-1", "0", "1", "10001",
        "99999999999999999999", "1.5", "+", "..%2F..", "%2F", new string('k', 4096), "url", "URL", "true", "a%26b%3Dc",
    ];

    /// <summary>Headers the handlers read that OpenAPI cannot name (families) or that every write may carry.</summary>
    private static readonly string[] WriteHeaderFamilies =
    [
        "x-amz-meta-hostile", "Content-Type", "Content-Encoding", "Content-Disposition", "Content-Language", "Cache-Control", "Expires",
        "x-amz-checksum-crc32", "x-amz-checksum-sha256", "x-amz-sdk-checksum-algorithm", "x-amz-decoded-content-length", "x-amz-trailer",
        "x-amz-acl", "x-amz-storage-class", "x-amz-tagging", "x-amz-server-side-encryption", "x-amz-checksum-mode", "x-amz-expected-bucket-owner",
    ];

    [Fact]
    public async Task Every_parameter_of_every_operation_with_hostile_values_answers_an_S3_error_never_a_500()
    {
        var s3 = world.Server.Client();
        Assert.Equal(200, (await s3.PutAsync("sweep", "src.txt", Encoding.UTF8.GetBytes("source bytes"))).Status);
        var operations = SpecOperations();
        Assert.True(operations.Count >= 20, $"only {operations.Count} operations read from the spec");

        var failures = new List<string>();
        var sent = 0;
        foreach (var op in operations)
        {
            op.UploadId = op.NeedsUpload ? await s3.CreateUploadAsync("sweep", "obj.txt") : null;
            op.PartETag = op.UploadId is null ? null : await s3.UploadPartAsync("sweep", "obj.txt", op.UploadId, 1, [1, 2, 3]);
            var headers = op.Headers.Concat(op.Method is "PUT" or "POST" ? WriteHeaderFamilies : []).Distinct(StringComparer.OrdinalIgnoreCase);
            foreach (var header in headers)
            {
                foreach (var value in HeaderValues)
                {
                    sent++;
                    await CheckAsync(s3, op, header, value, query: null, failures);
                }
            }

            foreach (var parameter in op.Query)
            {
                foreach (var value in QueryValues)
                {
                    sent++;
                    await CheckAsync(s3, op, null, null, query: parameter + "=" + value, failures);
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} requests answered 500 or without an S3 error:\n" + string.Join("\n", failures.Take(40)));
        Assert.DoesNotContain("InternalError", world.Server.Output, StringComparison.Ordinal);
    }

    private static async Task CheckAsync(S3 s3, SpecOperation op, string? header, string? value, string? query, List<string> failures)
    {
        if (op.EndsUpload)
        {
            // Complete and Abort use up their upload: each request gets a new one.
            op.UploadId = await s3.CreateUploadAsync("sweep", "obj.txt");
            op.PartETag = await s3.UploadPartAsync("sweep", "obj.txt", op.UploadId, 1, [1, 2, 3]);
        }

        var target = op.Target(query, op.UploadId);
        var list = new List<KeyValuePair<string, string>>(op.BaseHeaders);
        if (header is not null)
        {
            list.RemoveAll(h => string.Equals(h.Key, header, StringComparison.OrdinalIgnoreCase));
            list.Add(new(header, value!));
        }

        var body = op.Body(op.PartETag);
        if (op.Discriminator == "delete" && !string.Equals(header, "Content-MD5", StringComparison.OrdinalIgnoreCase))
        {
            list.Add(new("Content-MD5", Convert.ToBase64String(System.Security.Cryptography.MD5.HashData(body!))));
        }

        if (body is not null && !list.Exists(h => string.Equals(h.Key, "Content-Length", StringComparison.OrdinalIgnoreCase)))
        {
            list.Add(new("Content-Length", body.Length.ToString(CultureInfo.InvariantCulture)));
        }

        RawResponse response;
        try
        {
            TestSigner.SignHeaders(op.Method, target, list, TestSigner.Sha256Hex(body ?? []), s3.Creds, DateTimeOffset.UtcNow, s3.Host);
            await using var connection = await KeepAliveConnection.OpenAsync(s3.Port);
            await connection.WriteAsync(KeepAliveConnection.Head(op.Method, target, list), body ?? []);
            response = await connection.ReadAsync(op.Method);
        }
        catch (IOException e)
        {
            failures.Add($"{op.Id} {header ?? query}={Show(value)}: no answer ({e.Message})");
            return;
        }

        var what = $"{op.Id} {op.Method} {target} {(header is null ? "" : header + ": " + Show(value))} -> {response.Status} {response.ErrorCode}";
        if (response.Status == 500)
        {
            failures.Add(what);
        }
        else if (response.Status >= 400 && op.Method != "HEAD" && response.ErrorCode is null && response.Status != 400 && response.Status != 431)
        {
            // Kestrel's own framing refusals (400, 431) carry no S3 body; every other refusal must.
            failures.Add(what + " (no S3 error body)");
        }
    }

    private static string Show(string? value) =>
        value is null ? "" : value.Length > 40 ? $"<{value.Length} chars>"
        : string.Concat(value.Select(c => c is < ' ' or '\u007f' or > '~' ? $"\\x{(int)c:X2}" : c.ToString()));

    /// <summary>Operations of spec/s3.yaml: path key, method, and the header and query parameters each declares.</summary>
    private static List<SpecOperation> SpecOperations()
    {
        var operations = new List<SpecOperation>();
        string? path = null;
        SpecOperation? current = null;
        foreach (var line in File.ReadLines(Path.Combine(RepoPaths.Root(), "spec", "s3.yaml")))
        {
            if (PathLine().Match(line) is { Success: true } p)
            {
                path = p.Groups[1].Value;
                current = null;
            }
            else if (path is not null && MethodLine().Match(line) is { Success: true } m)
            {
                current = new SpecOperation(path, m.Groups[1].Value.ToUpperInvariant());
                operations.Add(current);
            }
            else if (current is not null && OperationIdLine().Match(line) is { Success: true } id)
            {
                current.Id = id.Groups[1].Value;
            }
            else if (current is not null && ParameterLine().Match(line) is { Success: true } parameter)
            {
                (parameter.Groups[2].Value == "header" ? current.Headers : current.Query).Add(parameter.Groups[1].Value);
            }
            else if (current is not null && line.Contains("#/components/parameters/VersionId", StringComparison.Ordinal))
            {
                current.Query.Add("versionId");
            }
            else if (line.StartsWith("components:", StringComparison.Ordinal))
            {
                break;
            }
        }

        return operations;
    }

    [GeneratedRegex(@"^  (/\S*):\s*$")]
    private static partial Regex PathLine();

    [GeneratedRegex(@"^    (get|put|post|delete|head):\s*$")]
    private static partial Regex MethodLine();

    [GeneratedRegex(@"^      operationId:\s*(\S+)")]
    private static partial Regex OperationIdLine();

    [GeneratedRegex(@"^\s*- \{ name: ([^,]+), in: (header|query)")]
    private static partial Regex ParameterLine();

    /// <summary>One operation: its path key ("/{bucket}/{key}?partNumber&amp;uploadId#x-amz-copy-source") and method.</summary>
    private sealed class SpecOperation(string pathKey, string method)
    {
        public string Id { get; set; } = "";

        public string Method { get; } = method;

        public List<string> Headers { get; } = [];

        public List<string> Query { get; } = [];

        private string Route => pathKey.Split('#')[0].Split('?')[0];

        public string? UploadId { get; set; }

        public string? PartETag { get; set; }

        public bool EndsUpload => NeedsUpload && Method is "POST" or "DELETE";

        public string Discriminator => pathKey.Split('#')[0] is var p && p.Contains('?', StringComparison.Ordinal) ? p[(p.IndexOf('?', StringComparison.Ordinal) + 1)..] : "";

        public bool NeedsUpload => Discriminator.Contains("uploadId", StringComparison.Ordinal);

        public IEnumerable<KeyValuePair<string, string>> BaseHeaders =>
            pathKey.Contains("#x-amz-copy-source", StringComparison.Ordinal) ? [new("x-amz-copy-source", "/sweep/src.txt")] : [];

        /// <summary>The request target with the discriminator's parameters filled in, and the swept one (replacing its own).</summary>
        public string Target(string? swept, string? uploadId)
        {
            var route = Route.Replace("{bucket}", "sweep", StringComparison.Ordinal).Replace("{key}", "obj.txt", StringComparison.Ordinal);
            var parameters = new List<string>();
            foreach (var part in Discriminator.Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var name = part.Split('=')[0];
                parameters.Add(name switch
                {
                    "uploadId" => "uploadId=" + uploadId,
                    "partNumber" => "partNumber=1",
                    _ => part,
                });
            }

            if (swept is not null)
            {
                var name = swept.Split('=')[0];
                parameters.RemoveAll(p => p.Split('=')[0] == name);
                parameters.Add(swept);
            }

            return parameters.Count == 0 ? route : route + "?" + string.Join('&', parameters);
        }

        public byte[]? Body(string? partETag) => (Method, Discriminator) switch
        {
            ("POST", "delete") => Encoding.UTF8.GetBytes("<Delete><Object><Key>gone.txt</Key></Object></Delete>"),
            ("POST", "uploadId") => S3.CompleteBody([partETag ?? "\"x\""]),
            ("POST", _) or ("PUT", _) => Encoding.UTF8.GetBytes("x"),
            _ => null,
        };
    }
}
