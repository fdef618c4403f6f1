using System.Net;
using System.Xml;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using S3Spec.Server.Hosting;
using S3Spec.Testing;

namespace S3Spec.Server.Tests.Auth;

/// <summary>
/// Which error wins when several apply (403 vs 404 vs 501 vs 400): one table of requests against the running server
/// (full and runpod profiles) that each trip two or more refusals. The order is behaviour (docs/auth.md, "Order of
/// refusals"); this table pins it.
/// </summary>
public sealed class ErrorPrecedenceTests : IAsyncLifetime
{
    private const string Region = "us-east-1";
    private static readonly SigningCredentials Admin = new("AKADMIN", "admin-secret", Region);
    private static readonly SigningCredentials Limited = new("AKLIMITED", "limited-secret", Region);
    private static readonly SigningCredentials Reader = new("AKREADER", "reader-secret", Region);
    private static readonly SigningCredentials Forged = new("AKADMIN", "not-the-secret", Region);

    private readonly TempDirectory _root = new();
    private readonly Dictionary<string, (WebApplication App, Uri Address)> _servers = [];

    public static TheoryData<string, string, string, string, string, string, int, string, string> Cases => new()
    {
        // profile, key, method, target, headers ("name: value|..."), mode (signed|presigned), status, code, message part
        { "full", "limited", "GET", "/other?tagging", "", "signed", 403, "AccessDenied", "Access Denied" },
        { "full", "admin", "GET", "/missing?tagging", "", "signed", 501, "NotImplemented", "" },
        { "full", "limited", "GET", "/missing/obj", "", "signed", 403, "AccessDenied", "Access Denied" },
        { "full", "admin", "GET", "/missing/obj", "", "signed", 404, "NoSuchBucket", "" },
        { "full", "reader", "PUT", "/vol/x?tagging", "", "signed", 403, "AccessDenied", "read-only" },
        { "full", "reader", "PUT", "/missing/x", "", "signed", 403, "AccessDenied", "read-only" },
        { "full", "reader", "POST", "/vol/x?uploads", "", "signed", 403, "AccessDenied", "read-only" },
        { "full", "reader", "PUT", "/vol/x", "x-amz-server-side-encryption: AES256", "signed", 403, "AccessDenied", "read-only" },
        { "full", "reader", "GET", "/vol/obj", "x-amz-server-side-encryption: AES256", "signed", 501, "NotImplemented", "Server-side encryption" },
        { "full", "reader", "GET", "/vol/obj", "", "signed", 200, "", "" },
        { "full", "limited", "GET", "/other/obj", "x-amz-server-side-encryption: AES256", "signed", 403, "AccessDenied", "Access Denied" },
        { "full", "admin", "PUT", "/missing/x", "x-amz-storage-class: GLACIER", "signed", 400, "InvalidStorageClass", "" },
        { "full", "admin", "PUT", "/missing/x", "x-amz-server-side-encryption: AES256", "signed", 501, "NotImplemented", "Server-side encryption" },
        { "full", "admin", "PUT", "/missing/x", "x-amz-acl: public-read", "signed", 501, "NotImplemented", "canned ACL" },
        { "full", "admin", "PUT", "/missing/x", "Content-MD5: bad", "signed", 400, "InvalidDigest", "" },
        { "full", "admin", "PUT", "/vol/x", "Content-MD5: bad|x-amz-server-side-encryption: AES256", "signed", 501, "NotImplemented", "Server-side encryption" },
        { "full", "admin", "PUT", "/missing/x?tagging", "Content-MD5: bad", "signed", 400, "InvalidDigest", "" },
        { "full", "forged", "GET", "/missing?tagging", "x-amz-server-side-encryption: AES256", "signed", 403, "SignatureDoesNotMatch", "" },
        { "full", "limited", "PUT", "/vol/x", "x-amz-copy-source: other/obj", "signed", 403, "AccessDenied", "Access Denied" },
        { "full", "limited", "PUT", "/vol/x", "x-amz-copy-source: other/nothing", "signed", 403, "AccessDenied", "Access Denied" },
        { "full", "limited", "PUT", "/vol/x", "x-amz-copy-source: nobucket", "signed", 400, "InvalidArgument", "Copy Source" },
        { "full", "limited", "PUT", "/vol/x", "x-amz-copy-source: other/obj|x-amz-metadata-directive: BAD", "signed", 403, "AccessDenied", "Access Denied" },
        { "full", "admin", "PUT", "/vol/x", "x-amz-copy-source: vol/obj|x-amz-metadata-directive: BAD", "signed", 400, "InvalidArgument", "directive" },
        { "full", "admin", "PUT", "/missing/x", "x-amz-copy-source: vol/obj", "signed", 404, "NoSuchBucket", "" },
        { "full", "admin", "PUT", "/vol/x", "x-amz-copy-source: vol/nothing", "signed", 404, "NoSuchKey", "" },
        { "full", "reader", "PUT", "/vol/x", "x-amz-copy-source: vol/obj", "signed", 403, "AccessDenied", "read-only" },
        { "full", "limited", "PUT", "/vol/x?partNumber=0&uploadId=u", "x-amz-copy-source: other/obj", "signed", 400, "InvalidArgument", "Part number" },
        { "full", "limited", "PUT", "/vol/x?partNumber=1&uploadId=u", "x-amz-copy-source: nobucket", "signed", 400, "InvalidArgument", "Copy Source" },
        { "full", "limited", "PUT", "/vol/x?partNumber=1&uploadId=u", "x-amz-copy-source: other/obj", "signed", 403, "AccessDenied", "Access Denied" },
        { "full", "admin", "PUT", "/vol/x?partNumber=1&uploadId=u", "x-amz-copy-source: vol/obj", "signed", 404, "NoSuchUpload", "" },
        { "full", "admin", "GET", "/vol/obj", "", "presigned", 200, "", "" },
        { "runpod", "admin", "GET", "/vol?location", "", "presigned", 501, "NotImplemented", "profile 'runpod'" },
        { "runpod", "admin", "GET", "/vol?location", "", "signed", 501, "NotImplemented", "profile 'runpod'" },
        { "runpod", "admin", "GET", "/missing?location", "", "signed", 501, "NotImplemented", "profile 'runpod'" },
        { "runpod", "admin", "GET", "/vol/obj", "", "presigned", 403, "AccessDenied", "Presigned URLs" },
        { "runpod", "admin", "GET", "/missing/obj", "", "presigned", 403, "AccessDenied", "Presigned URLs" },
        { "runpod", "admin", "GET", "/vol/obj", "x-amz-server-side-encryption: AES256", "presigned", 501, "NotImplemented", "Server-side encryption" },
        { "runpod", "admin", "GET", "/vol/obj", "x-amz-storage-class: GLACIER", "presigned", 400, "InvalidStorageClass", "" },
        { "runpod", "limited", "GET", "/other/obj", "", "presigned", 403, "AccessDenied", "Access Denied" },
        { "runpod", "reader", "PUT", "/vol/x", "", "presigned", 403, "AccessDenied", "read-only" },
        { "runpod", "reader", "POST", "/vol?delete", "", "signed", 403, "AccessDenied", "read-only" },
        { "runpod", "limited", "GET", "/other?location", "", "signed", 403, "AccessDenied", "Access Denied" },
        { "runpod", "admin", "GET", "/vol?tagging", "", "presigned", 403, "AccessDenied", "Presigned URLs" },
    };

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_root.Combine("data", "vol"));
        Directory.CreateDirectory(_root.Combine("data", "other"));
        await File.WriteAllTextAsync(_root.Combine("data", "vol", "obj"), "object");
        await File.WriteAllTextAsync(_root.Combine("data", "other", "obj"), "object");
        var keys = _root.Combine("keys.json");
        await File.WriteAllTextAsync(keys, $$"""
            { "keys": [
              { "accessKeyId": "{{Limited.AccessKey}}", "secretKey": "{{Limited.SecretKey}}", "volumes": ["vol"] },
              { "accessKeyId": "{{Reader.AccessKey}}", "secretKey": "{{Reader.SecretKey}}", "volumes": ["*"], "readOnly": true }
            ] }
            """);
        foreach (var profile in new[] { "full", "runpod" })
        {
            var app = S3SpecHost.Build(
            [
                "--urls", "http://127.0.0.1:0", "--data-root", _root.Combine("data"), "--access-key", Admin.AccessKey,
                "--secret-key", Admin.SecretKey, "--region", Region, "--keys-file", keys, "--S3Spec:Profile=" + profile,
                "--applicationName", "S3Spec.Server",
            ]);
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
            _servers[profile] = (app, new Uri(address));
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var (app, _) in _servers.Values)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        _root.Dispose();
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task TheFirstApplicableRefusalWins(
        string profile, string key, string method, string target, string headers, string mode, int status, string code, string message)
    {
        var address = _servers[profile].Address;
        var credentials = key switch
        {
            "admin" => Admin,
            "limited" => Limited,
            "reader" => Reader,
            _ => Forged,
        };
        var host = $"{address.Host}:{address.Port}";
        var sent = headers.Split('|', StringSplitOptions.RemoveEmptyEntries)
            .Select(h => new KeyValuePair<string, string>(h[..h.IndexOf(':', StringComparison.Ordinal)].Trim(), h[(h.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim()))
            .ToList();
        string rawTarget;
        if (mode == "presigned")
        {
            var (path, query) = S3Uri.Split(target);
            rawTarget = TestSigner.Presign(method, path, query, credentials, DateTimeOffset.UtcNow, 300, host);
        }
        else
        {
            rawTarget = target;
            TestSigner.SignHeaders(method, target, sent, TestSigner.UnsignedPayload, credentials, DateTimeOffset.UtcNow, host);
        }

        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(address, rawTarget));
        request.Content = method is "PUT" or "POST" ? new ByteArrayContent([]) : null;
        foreach (var (name, value) in sent)
        {
            if (name.Equals("host", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (name.Equals("Content-MD5", StringComparison.OrdinalIgnoreCase) && request.Content is not null)
            {
                request.Content.Headers.TryAddWithoutValidation(name, value);
            }
            else
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }

        using var http = new HttpClient();
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == (int)response.StatusCode, $"{method} {target} [{headers}] as {key} ({mode}, {profile}): {(int)response.StatusCode} {body}");
        if (code.Length == 0)
        {
            return;
        }

        var doc = new XmlDocument();
        doc.LoadXml(body);
        Assert.Equal(code, doc.DocumentElement!["Code"]!.InnerText);
        Assert.Contains(message, doc.DocumentElement["Message"]!.InnerText, StringComparison.Ordinal);
    }
}
