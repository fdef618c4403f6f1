using System.Text;
using S3Spec.Reliability.Harness;
using S3Spec.Storage.Metadata;
using S3Spec.Testing;

namespace S3Spec.Reliability;

public sealed class HeaderBytesWorld() : ServerWorld(["bytes"]);

/// <summary>
/// Header values are bytes in, bytes out, checked on the wire (issue: non-ASCII or control bytes were accepted and
/// then every GET/HEAD of the object answered 500). Strings here hold one char per byte (Latin-1 on the socket).
/// </summary>
public sealed class HeaderBytesTests(HeaderBytesWorld world) : IClassFixture<HeaderBytesWorld>
{
    private const string Utf8Koeln = "K\u00c3\u00b6ln";
    private const string Latin1Hello = "Hello World\u00e9";
    private const string Utf8Disposition = "attachment; filename=\"r\u00c3\u00a9sum\u00c3\u00a9.pdf\"";

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Bytes_stored_are_the_bytes_returned_by_get_head_and_copy(bool signBytes)
    {
        var s3 = world.Server.Client();
        var key = signBytes ? "signed-bytes.txt" : "signed-text.txt";
        List<KeyValuePair<string, string>> headers =
        [
            new("x-amz-meta-city", Utf8Koeln),
            new("x-amz-meta-meta1", Latin1Hello),
            new("Content-Disposition", Utf8Disposition),
        ];
        var put = await SendAsync(s3, "PUT", S3.Target("bytes", key), Encoding.UTF8.GetBytes("x"), headers, signBytes);
        Assert.Equal(200, put.Status);

        foreach (var method in new[] { "GET", "HEAD" })
        {
            var read = await SendAsync(s3, method, S3.Target("bytes", key));
            Assert.Equal(200, read.Status);
            AssertHeaderBytes(read, "x-amz-meta-city", Utf8Koeln);
            AssertHeaderBytes(read, "x-amz-meta-meta1", Latin1Hello);
            AssertHeaderBytes(read, "Content-Disposition", Utf8Disposition);
        }

        var copy = await SendAsync(s3, "PUT", S3.Target("bytes", "copy-of-" + key), null, [new("x-amz-copy-source", "/bytes/" + key)]);
        Assert.Equal(200, copy.Status);
        var copied = await SendAsync(s3, "HEAD", S3.Target("bytes", "copy-of-" + key));
        AssertHeaderBytes(copied, "x-amz-meta-city", Utf8Koeln);
        AssertHeaderBytes(copied, "Content-Disposition", Utf8Disposition);
    }

    [Theory]
    [InlineData("x-amz-meta-a", "one\u0001")]
    [InlineData("x-amz-meta-a", "vt\u000b")]
    [InlineData("x-amz-meta-a", "del\u007f")]
    [InlineData("Content-Disposition", "attachment\u0001")]
    [InlineData("Content-Type", "text/\u001fplain")]
    public async Task Control_bytes_are_refused_by_every_write_that_stores_headers(string name, string value)
    {
        var s3 = world.Server.Client();
        List<KeyValuePair<string, string>> headers = [new(name, value)];
        Assert.Equal(200, (await s3.PutAsync("bytes", "source.txt", [1])).Status);

        var put = await SendAsync(s3, "PUT", S3.Target("bytes", "refused.txt"), [1], headers);
        var replace = await SendAsync(s3, "PUT", S3.Target("bytes", "refused.txt"), null,
            [.. headers, new("x-amz-copy-source", "/bytes/source.txt"), new("x-amz-metadata-directive", "REPLACE")]);
        var create = await SendAsync(s3, "POST", S3.Target("bytes", "refused.txt", "uploads"), [], headers);

        foreach (var answer in new[] { put, replace, create })
        {
            Assert.Equal(400, answer.Status);
            Assert.Equal("InvalidArgument", answer.ErrorCode);
        }

        Assert.Equal(404, (await s3.GetAsync("bytes", "refused.txt")).Status);
        Assert.DoesNotContain("refused.txt", (await s3.SendAsync("GET", S3.Target("bytes", null, "uploads"))).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_upload_carries_header_bytes_into_the_completed_object()
    {
        var s3 = world.Server.Client();
        var create = await SendAsync(s3, "POST", S3.Target("bytes", "mp.txt", "uploads"), [], [new("x-amz-meta-city", Utf8Koeln)]);
        var id = S3.Between(create.Text, "<UploadId>", "</UploadId>");
        var etag = await s3.UploadPartAsync("bytes", "mp.txt", id, 1, [1, 2, 3]);
        Assert.Equal(200, (await s3.CompleteAsync("bytes", "mp.txt", id, [etag])).Status);
        AssertHeaderBytes(await SendAsync(s3, "HEAD", S3.Target("bytes", "mp.txt")), "x-amz-meta-city", Utf8Koeln);
    }

    [Fact]
    public async Task Objects_stored_earlier_with_values_a_header_cannot_carry_are_served()
    {
        var s3 = world.Server.Client();
        Assert.Equal(200, (await s3.PutAsync("bytes", "legacy.txt", Encoding.UTF8.GetBytes("legacy"))).Status);

        // A record as an older server (or another tool) could have left it: control bytes and chars wider than a byte.
        var path = Path.Combine(world.VolumeDir, "legacy.txt");
        var record = RecordCodec.DecodeObject(Libc.GetXattr(path, XattrMetadata.MetaXattr))!;
        var legacy = record with
        {
            Metadata = record.Metadata with
            {
                ContentDisposition = "attachment\r\nX-Injected: yes",
                ContentType = "text/plain\u0001",
                User = new Dictionary<string, string> { ["bad"] = "a\u000bb", ["wide"] = "\u20ac 5", ["city"] = "K\u00f6ln" },
            },
        };
        Libc.SetXattr(path, XattrMetadata.MetaXattr, RecordCodec.EncodeObject(legacy));

        foreach (var method in new[] { "GET", "HEAD" })
        {
            var read = await SendAsync(s3, method, S3.Target("bytes", "legacy.txt"));
            Assert.Equal(200, read.Status);
            Assert.Null(read.Header("Content-Disposition"));
            Assert.Null(read.Header("X-Injected"));
            Assert.Null(read.Header("x-amz-meta-bad"));
            Assert.Equal("1", read.Header("x-amz-missing-meta"));
            AssertHeaderBytes(read, "x-amz-meta-wide", "\u00e2\u0082\u00ac 5");
            AssertHeaderBytes(read, "x-amz-meta-city", "K\u00f6ln");
            Assert.Equal("application/octet-stream", read.Header("Content-Type"));
        }
    }

    [Theory]
    [InlineData("response-content-type=text%2Fplain%0D%0AX-Injected%3A%20yes")]
    [InlineData("response-content-type=a%01b")]
    [InlineData("response-content-disposition=a%0Ab")]
    [InlineData("response-cache-control=%7F")]
    public async Task Response_overrides_with_control_characters_are_InvalidArgument(string query)
    {
        var s3 = world.Server.Client();
        Assert.Equal(200, (await s3.PutAsync("bytes", "o.txt", [1])).Status);
        var answer = await SendAsync(s3, "GET", S3.Target("bytes", "o.txt", query));
        Assert.Equal(400, answer.Status);
        Assert.Equal("InvalidArgument", answer.ErrorCode);
        Assert.Null(answer.Header("X-Injected"));
    }

    [Fact]
    public async Task A_response_override_goes_as_the_utf8_bytes_of_its_text()
    {
        var s3 = world.Server.Client();
        Assert.Equal(200, (await s3.PutAsync("bytes", "o.txt", [1])).Status);
        var answer = await SendAsync(s3, "GET", S3.Target("bytes", "o.txt", "response-content-type=caf%C3%A9"));
        Assert.Equal(200, answer.Status);
        AssertHeaderBytes(answer, "Content-Type", "caf\u00c3\u00a9");
    }

    private static async Task<RawResponse> SendAsync(S3 s3, string method, string target, byte[]? body = null, List<KeyValuePair<string, string>>? headers = null, bool signBytes = false)
    {
        var list = headers?.ToList() ?? [];
        if (body is not null)
        {
            list.Add(new("Content-Length", body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        TestSigner.SignHeaders(method, target, list, TestSigner.Sha256Hex(body ?? []), s3.Creds, DateTimeOffset.UtcNow, s3.Host, signBytes: signBytes);
        await using var connection = await KeepAliveConnection.OpenAsync(s3.Port);
        await connection.WriteAsync(KeepAliveConnection.Head(method, target, list), body ?? []);
        return await connection.ReadAsync(method);
    }

    /// <summary>The header's bytes on the wire are exactly <paramref name="expected"/> (one char per byte).</summary>
    private static void AssertHeaderBytes(RawResponse response, string name, string expected)
    {
        var line = Encoding.Latin1.GetBytes(name + ": " + expected + "\r\n");
        var head = response.RawHead;
        Assert.True(head.AsSpan().IndexOf(line) >= 0 || Encoding.Latin1.GetString(head).Contains(name + ": " + expected + "\r\n", StringComparison.OrdinalIgnoreCase),
            $"expected the header line {name}: {expected} byte for byte in:\n{Encoding.Latin1.GetString(head)}");
    }
}
