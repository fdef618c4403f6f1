using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace S3Spec.Features.Drivers;

/// <summary>
/// The requests for features a volume does not have, by the name a feature gives them, sent signed through the raw
/// driver exactly as a client would send them (PutObject requests write "new.txt" with the body "new").
/// </summary>
public static class RequestCatalog
{
    private const string Versioning = "<VersioningConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Status>Enabled</Status></VersioningConfiguration>";
    private const string Tagging = "<Tagging xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><TagSet><Tag><Key>k</Key><Value>v</Value></Tag></TagSet></Tagging>";
    private const string Retention = "<Retention xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Mode>GOVERNANCE</Mode><RetainUntilDate>2030-01-01T00:00:00Z</RetainUntilDate></Retention>";
    private const string LegalHold = "<LegalHold xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Status>ON</Status></LegalHold>";
    private const string ObjectLock = "<ObjectLockConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><ObjectLockEnabled>Enabled</ObjectLockEnabled></ObjectLockConfiguration>";
    private const string Policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::v/*\"}]}";
    private const string Lifecycle = "<LifecycleConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Rule><ID>r</ID><Filter><Prefix></Prefix></Filter><Status>Enabled</Status><Expiration><Days>1</Days></Expiration></Rule></LifecycleConfiguration>";
    private const string Cors = "<CORSConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><CORSRule><AllowedMethod>GET</AllowedMethod><AllowedOrigin>*</AllowedOrigin></CORSRule></CORSConfiguration>";
    private const string Select = "<SelectObjectContentRequest xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Expression>SELECT * FROM S3Object</Expression><ExpressionType>SQL</ExpressionType><InputSerialization><CSV/></InputSerialization><OutputSerialization><CSV/></OutputSerialization></SelectObjectContentRequest>";
    private const string PrivateAcl = "private";

    /// <summary>Sends the named request for the scenario's volume and prefix.</summary>
    public static Task<RawResponse> SendAsync(S3World world, string name)
    {
        string Object(string key) => world.EncodedPath(key);
        var bucket = "/" + world.Volume;
        var put = Object("new.txt");
        var existing = Object("existing.txt");
        return name switch
        {
            "PutBucketVersioning Enabled" => Send(world, HttpMethod.Put, bucket, "versioning", Versioning),
            "GetBucketVersioning" => Send(world, HttpMethod.Get, bucket, "versioning"),
            "GetObject existing.txt with versionId=abc" => Send(world, HttpMethod.Get, existing, "versionId=abc"),
            "PutObject with x-amz-server-side-encryption AES256" => Send(world, HttpMethod.Put, put, "", "new", ("x-amz-server-side-encryption", "AES256")),
            "PutObject with SSE-C headers" => SendSseC(world, put),
            "PutObjectTagging on existing.txt" => Send(world, HttpMethod.Put, existing, "tagging", Tagging),
            "GetObjectTagging on existing.txt" => Send(world, HttpMethod.Get, existing, "tagging"),
            "PutObject with x-amz-tagging" => Send(world, HttpMethod.Put, put, "", "new", ("x-amz-tagging", "project=s3spec")),
            "GetBucketAcl" => Send(world, HttpMethod.Get, bucket, "acl"),
            "GetObjectAcl on existing.txt" => Send(world, HttpMethod.Get, existing, "acl"),
            "PutObject with x-amz-acl private" => Send(world, HttpMethod.Put, put, "", "new", ("x-amz-acl", PrivateAcl)),
            "PutObject with x-amz-acl public-read" => Send(world, HttpMethod.Put, put, "", "new", ("x-amz-acl", "public-read")),
            "PutObject with x-amz-grant-read" => Send(world, HttpMethod.Put, put, "", "new", ("x-amz-grant-read", "uri=\"http://acs.amazonaws.com/groups/global/AllUsers\"")),
            "PutObjectAcl private on existing.txt" => Send(world, HttpMethod.Put, existing, "acl", "", ("x-amz-acl", PrivateAcl)),
            "PutObjectAcl public-read on existing.txt" => Send(world, HttpMethod.Put, existing, "acl", "", ("x-amz-acl", "public-read")),
            "PutObject with x-amz-object-lock-mode GOVERNANCE" => Send(world, HttpMethod.Put, put, "", "new",
                ("x-amz-object-lock-mode", "GOVERNANCE"), ("x-amz-object-lock-retain-until-date", "2030-01-01T00:00:00Z")),
            "PutObjectRetention on existing.txt" => Send(world, HttpMethod.Put, existing, "retention", Retention),
            "PutObjectLegalHold on existing.txt" => Send(world, HttpMethod.Put, existing, "legal-hold", LegalHold),
            "GetObjectRetention on existing.txt" => Send(world, HttpMethod.Get, existing, "retention"),
            "PutObjectLockConfiguration" => Send(world, HttpMethod.Put, bucket, "object-lock", ObjectLock),
            "GetObjectLockConfiguration" => Send(world, HttpMethod.Get, bucket, "object-lock"),
            "PutObject with x-amz-website-redirect-location" => Send(world, HttpMethod.Put, put, "", "new", ("x-amz-website-redirect-location", "/elsewhere.html")),
            "PutObject with x-amz-storage-class GLACIER" => Send(world, HttpMethod.Put, put, "", "new", ("x-amz-storage-class", "GLACIER")),
            "PutObject with x-amz-storage-class STANDARD" => Send(world, HttpMethod.Put, put, "", "new", ("x-amz-storage-class", "STANDARD")),
            "PutBucketPolicy" => Send(world, HttpMethod.Put, bucket, "policy", Policy),
            "GetBucketPolicy" => Send(world, HttpMethod.Get, bucket, "policy"),
            "PutBucketLifecycleConfiguration" => Send(world, HttpMethod.Put, bucket, "lifecycle", Lifecycle),
            "GetBucketLifecycleConfiguration" => Send(world, HttpMethod.Get, bucket, "lifecycle"),
            "PutBucketCors" => Send(world, HttpMethod.Put, bucket, "cors", Cors),
            "GetBucketCors" => Send(world, HttpMethod.Get, bucket, "cors"),
            "SelectObjectContent on existing.txt" => Send(world, HttpMethod.Post, existing, "select&select-type=2", Select),
            "ListObjects signed with Signature Version 2" => SendSigV2(world, HttpMethod.Get, bucket, null),
            "PutObject signed with Signature Version 2" => SendSigV2(world, HttpMethod.Put, put, "new"),
            _ => throw new ArgumentException($"No request named '{name}' in the catalogue", nameof(name)),
        };
    }

    private static Task<RawResponse> Send(S3World world, HttpMethod method, string path, string query, string? body = null, params (string Name, string Value)[] headers)
    {
        var bytes = Encoding.UTF8.GetBytes(body ?? "");
        var all = headers.ToDictionary(h => h.Name, h => h.Value, StringComparer.OrdinalIgnoreCase);
        if (body is { Length: > 0 } && (query.Length > 0 || method == HttpMethod.Post))
        {
            // Configuration bodies carry a Content-MD5, as the SDKs send them.
            all["Content-MD5"] = Convert.ToBase64String(MD5.HashData(bytes));
        }

        return world.Raw.SendAsync(method, path, query, bytes, all);
    }

    private static Task<RawResponse> SendSseC(S3World world, string path)
    {
        var key = new byte[32];
        RandomNumberGenerator.Fill(key);
        return Send(world, HttpMethod.Put, path, "", "new",
            ("x-amz-server-side-encryption-customer-algorithm", "AES256"),
            ("x-amz-server-side-encryption-customer-key", Convert.ToBase64String(key)),
            ("x-amz-server-side-encryption-customer-key-MD5", Convert.ToBase64String(MD5.HashData(key))));
    }

    /// <summary>A request with a Signature Version 2 Authorization header (`AWS AccessKey:Signature`).</summary>
    private static Task<RawResponse> SendSigV2(S3World world, HttpMethod method, string path, string? body)
    {
        var date = DateTimeOffset.UtcNow.ToString("r", CultureInfo.InvariantCulture);
        var contentType = body is null ? "" : "text/plain";
        var toSign = $"{method.Method}\n\n{contentType}\n{date}\n{path}";
        var signature = Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(world.Target.SecretKey), Encoding.UTF8.GetBytes(toSign)));
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Date"] = date,
            ["Authorization"] = $"AWS {world.Target.AccessKey}:{signature}",
        };
        if (body is not null)
        {
            headers["Content-Type"] = contentType;
        }

        return world.Raw.SendToUrlAsync(method, world.Endpoint.GetLeftPart(UriPartial.Authority) + path, body is null ? null : Encoding.UTF8.GetBytes(body), headers);
    }
}
