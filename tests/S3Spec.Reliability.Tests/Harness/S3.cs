using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace S3Spec.Reliability.Harness;

/// <summary>A signed S3 client over <see cref="RawHttp"/>: raw targets, header or presigned auth.</summary>
internal sealed class S3(int port, Creds creds)
{
    public int Port => port;

    public Creds Creds => creds;

    public string Host => $"127.0.0.1:{port}";

    /// <summary>Path-style target of an object; the key is encoded per segment (slashes kept).</summary>
    public static string Target(string bucket, string? key = null, string query = "") =>
        "/" + bucket + (key is null ? "" : "/" + S3Uri.Encode(key, keepSlash: true)) + (query.Length > 0 ? "?" + query : "");

    public Task<RawResponse> SendAsync(string method, string target, byte[]? body = null, IEnumerable<KeyValuePair<string, string>>? headers = null, TimeSpan? timeout = null, DateTimeOffset? time = null, string? payloadHash = null)
    {
        var list = Prepare(method, target, body, headers, time, payloadHash);
        return RawHttp.SendAsync(port, method, target, list, body, timeout);
    }

    public List<KeyValuePair<string, string>> Prepare(string method, string target, byte[]? body, IEnumerable<KeyValuePair<string, string>>? headers, DateTimeOffset? time = null, string? payloadHash = null)
    {
        var list = headers?.ToList() ?? [];
        if (body is not null && !list.Any(h => string.Equals(h.Key, "content-length", StringComparison.OrdinalIgnoreCase)))
        {
            list.Add(new("Content-Length", body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        TestSigner.SignHeaders(method, target, list, payloadHash ?? TestSigner.Sha256Hex(body ?? []), creds, time ?? DateTimeOffset.UtcNow, Host);
        return list;
    }

    public string Presign(string method, string rawPath, int expires = 600, DateTimeOffset? time = null, string extraQuery = "") =>
        TestSigner.Presign(method, rawPath, extraQuery, creds, time ?? DateTimeOffset.UtcNow, expires, Host);

    public Task<RawResponse> PutAsync(string bucket, string key, byte[] body, IEnumerable<KeyValuePair<string, string>>? headers = null) =>
        SendAsync("PUT", Target(bucket, key), body, headers);

    public Task<RawResponse> GetAsync(string bucket, string key, IEnumerable<KeyValuePair<string, string>>? headers = null) =>
        SendAsync("GET", Target(bucket, key), null, headers);

    public Task<RawResponse> DeleteAsync(string bucket, string key) => SendAsync("DELETE", Target(bucket, key));

    public Task<RawResponse> ListAsync(string bucket, string query = "list-type=2") => SendAsync("GET", Target(bucket, null, query));

    public async Task<string> CreateUploadAsync(string bucket, string key)
    {
        var r = await SendAsync("POST", Target(bucket, key, "uploads"), []);
        return r.Status == 200 ? Between(r.Text, "<UploadId>", "</UploadId>") : throw new InvalidOperationException($"CreateMultipartUpload: {r} {r.Text}");
    }

    public async Task<string> UploadPartAsync(string bucket, string key, string uploadId, int part, byte[] data)
    {
        var r = await SendAsync("PUT", Target(bucket, key, $"partNumber={part}&uploadId={uploadId}"), data);
        return r.Status == 200 ? r.Header("ETag")! : throw new InvalidOperationException($"UploadPart: {r} {r.Text}");
    }

    public Task<RawResponse> CompleteAsync(string bucket, string key, string uploadId, IReadOnlyList<string> etags) =>
        SendAsync("POST", Target(bucket, key, $"uploadId={uploadId}"), CompleteBody(etags));

    public static byte[] CompleteBody(IReadOnlyList<string> etags)
    {
        var sb = new StringBuilder("<CompleteMultipartUpload>");
        for (var i = 0; i < etags.Count; i++)
        {
            sb.Append("<Part><PartNumber>").Append(i + 1).Append("</PartNumber><ETag>").Append(etags[i]).Append("</ETag></Part>");
        }

        return Encoding.UTF8.GetBytes(sb.Append("</CompleteMultipartUpload>").ToString());
    }

    public static string Between(string text, string start, string end)
    {
        var a = text.IndexOf(start, StringComparison.Ordinal);
        var b = a < 0 ? -1 : text.IndexOf(end, a + start.Length, StringComparison.Ordinal);
        return a >= 0 && b > a ? text[(a + start.Length)..b] : "";
    }

    public static IEnumerable<string> All(string text, string start, string end)
    {
        var i = 0;
        while ((i = text.IndexOf(start, i, StringComparison.Ordinal)) >= 0)
        {
            var b = text.IndexOf(end, i + start.Length, StringComparison.Ordinal);
            if (b < 0)
            {
                yield break;
            }

            yield return text[(i + start.Length)..b];
            i = b;
        }
    }

    public static string Md5Hex(byte[] data) => Convert.ToHexStringLower(MD5.HashData(data));

    /// <summary>True when the exception is a transport failure (the server died or dropped the connection).</summary>
    public static bool IsTransport(Exception e) => e is IOException or SocketException or OperationCanceledException;
}
