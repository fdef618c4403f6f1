using System.IO.Pipelines;
using System.Text;
using S3Spec.Auth.Signing;
using S3Spec.Core.Errors;

namespace S3Spec.Auth.Tests;

/// <summary>The published aws-chunked examples (66560 bytes of 'a' in chunks of 65536, 1024 and 0).</summary>
public sealed class ChunkedExampleTests
{
    private static readonly byte[] Data = Enumerable.Repeat((byte)'a', 66560).ToArray();

    private static SigV4Request SignedRequest() => new()
    {
        Method = "PUT",
        RawPath = "/examplebucket/chunkObject.txt",
        Headers = TestKeys.Headers(("Host", "s3.amazonaws.com"), ("x-amz-date", "20130524T000000Z"),
            ("x-amz-storage-class", "REDUCED_REDUNDANCY"), ("x-amz-content-sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD"),
            ("Content-Encoding", "aws-chunked"), ("x-amz-decoded-content-length", "66560"), ("Content-Length", "66824"),
            ("Authorization", "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
                + "SignedHeaders=content-encoding;content-length;host;x-amz-content-sha256;x-amz-date;x-amz-decoded-content-length;x-amz-storage-class,"
                + "Signature=4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9")),
    };

    private static byte[] SignedBody(string sig3 = "b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9")
    {
        var s = new MemoryStream();
        void W(string t) => s.Write(Encoding.ASCII.GetBytes(t));
        W("10000;chunk-signature=ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648\r\n");
        s.Write(Data, 0, 65536);
        W("\r\n400;chunk-signature=0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497\r\n");
        s.Write(Data, 65536, 1024);
        W($"\r\n0;chunk-signature={sig3}\r\n\r\n");
        return s.ToArray();
    }

    [Fact]
    public async Task PublishedSignedChunkedUploadDecodes()
    {
        var context = TestKeys.Authenticator(TestKeys.ExampleTime).Authenticate(SignedRequest());
        Assert.Equal(PayloadMode.StreamingSigned, context.Payload);
        Assert.Equal(66560, context.DecodedContentLength);

        var body = SignedBody();
        Assert.Equal(66824, body.Length);
        var decoded = await BodyReading.ReadAll(context.OpenBody(PipeReader.Create(new MemoryStream(body)), body.Length));
        Assert.Equal(Data, decoded);
    }

    [Fact]
    public async Task PublishedSignedChunkedUploadDecodesWhenFedOneByteAtATime()
    {
        var context = TestKeys.Authenticator(TestKeys.ExampleTime).Authenticate(SignedRequest());
        var body = SignedBody();
        var decoded = await BodyReading.ReadAll(context.OpenBody(new DribblePipeReader(body, 1), body.Length), bufferSize: 1000);
        Assert.Equal(Data, decoded);
    }

    [Fact]
    public async Task WrongFinalChunkSignatureThrowsBeforeEndOfStream()
    {
        var context = TestKeys.Authenticator(TestKeys.ExampleTime).Authenticate(SignedRequest());
        var body = SignedBody(sig3: new string('0', 64));
        var e = await Assert.ThrowsAsync<S3Exception>(() => BodyReading.ReadAll(context.OpenBody(PipeReader.Create(new MemoryStream(body)), body.Length)));
        Assert.Same(S3Errors.SignatureDoesNotMatch, e.Error);
    }

    [Fact]
    public async Task PublishedSignedTrailerExampleVerifiesTheCrc32cTrailer()
    {
        var request = new SigV4Request
        {
            Method = "PUT",
            RawPath = "/examplebucket/chunkObject.txt",
            Headers = TestKeys.Headers(("Host", "s3.amazonaws.com"), ("x-amz-date", "20130524T000000Z"),
                ("x-amz-storage-class", "REDUCED_REDUNDANCY"), ("x-amz-content-sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER"),
                ("Content-Encoding", "aws-chunked"), ("x-amz-decoded-content-length", "66560"), ("x-amz-trailer", "x-amz-checksum-crc32c"),
                ("Authorization", "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
                    + "SignedHeaders=content-encoding;host;x-amz-content-sha256;x-amz-date;x-amz-decoded-content-length;x-amz-storage-class;x-amz-trailer,"
                    + "Signature=106e2a8a18243abcf37539882f36619c00e2dfc72633413f02d3b74544bfeb8e")),
        };
        var context = TestKeys.Authenticator(TestKeys.ExampleTime).Authenticate(request);
        Assert.Equal(PayloadMode.StreamingSignedTrailer, context.Payload);

        var s = new MemoryStream();
        void W(string t) => s.Write(Encoding.ASCII.GetBytes(t));
        W("10000;chunk-signature=b474d8862b1487a5145d686f57f013e54db672cee1c953b3010fb58501ef5aa2\r\n");
        s.Write(Data, 0, 65536);
        W("\r\n400;chunk-signature=1c1344b170168f8e65b41376b44b20fe354e373826ccbbe2c1d40a8cae51e5c7\r\n");
        s.Write(Data, 65536, 1024);
        W("\r\n0;chunk-signature=2ca2aba2005185cf7159c6277faf83795951dd77a3a99e6e65d5c9f85863f992\r\n");
        W("x-amz-checksum-crc32c:sOO8/Q==\r\n");
        W("x-amz-trailer-signature:d81f82fc3505edab99d459891051a732e8730629a2e4a59689829ca17fe2e435\r\n\r\n");
        var body = s.ToArray();

        Assert.Empty(context.Checksums);
        var decoded = await BodyReading.ReadAll(context.OpenBody(new DribblePipeReader(body, 7), body.Length));
        Assert.Equal(Data, decoded);
        Assert.Equal("sOO8/Q==", context.Checksums["CRC32C"]);

        var tampered = Encoding.ASCII.GetBytes(Encoding.ASCII.GetString(body).Replace("trailer-signature:d81f", "trailer-signature:d81e", StringComparison.Ordinal));
        var fresh = TestKeys.Authenticator(TestKeys.ExampleTime).Authenticate(request);
        var e = await Assert.ThrowsAsync<S3Exception>(() => BodyReading.ReadAll(fresh.OpenBody(PipeReader.Create(new MemoryStream(tampered)), tampered.Length)));
        Assert.Same(S3Errors.SignatureDoesNotMatch, e.Error);
    }
}
