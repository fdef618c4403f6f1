using S3Spec.Core.Checksums;
using System.IO.Pipelines;
using System.Text;
using S3Spec.Auth.Checksums;
using S3Spec.Core.Errors;
using S3Spec.Testing;

namespace S3Spec.Auth.Tests;

/// <summary>The aws-chunked decoder: framing errors, lengths, signatures and trailing checksums.</summary>
public sealed class ChunkedDecoderTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static byte[] Bytes(int n, int seed = 1)
    {
        var b = new byte[n];
        new Random(seed).NextBytes(b);
        return b;
    }

    private static (AuthContext Context, string Seed) Signed(long decodedLength, string mode = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD", string? trailer = null)
    {
        var headers = TestKeys.Headers(("x-amz-decoded-content-length", decodedLength.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("content-encoding", "aws-chunked"));
        if (trailer is not null)
        {
            headers["x-amz-trailer"] = trailer;
        }

        var request = SignedRequest.Sign("PUT", "/vol/key", "", headers, mode, Now);
        return (TestKeys.Authenticator(Now).Authenticate(request), SignedRequest.SeedSignature(request));
    }

    private static AuthContext UnsignedTrailer(long decodedLength, string? trailer)
    {
        var headers = TestKeys.Headers(("x-amz-decoded-content-length", decodedLength.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (trailer is not null)
        {
            headers["x-amz-trailer"] = trailer;
        }

        return TestKeys.Authenticator(Now).Authenticate(SignedRequest.Sign("PUT", "/vol/key", "", headers, "STREAMING-UNSIGNED-PAYLOAD-TRAILER", Now));
    }

    private static Task<byte[]> Decode(AuthContext context, byte[] body, int step = 0)
        => BodyReading.ReadAll(context.OpenBody(step > 0 ? new DribblePipeReader(body, step) : PipeReader.Create(new MemoryStream(body)), body.Length), 4096);

    [Fact]
    public async Task SignedChunksDecodeAtEveryByteBoundary()
    {
        var data = Bytes(20000);
        var (context, seed) = Signed(data.Length);
        var body = new ChunkedBodyBuilder(seed, Now, TestKeys.ExampleCredentials).Chunk(data.AsSpan(0, 9000)).Chunk(data.AsSpan(9000)).Final().Raw("\r\n").ToArray();
        Assert.Equal(data, await Decode(context, body, step: 1));
    }

    [Fact]
    public async Task BadSignatureOnAMiddleChunkThrows()
    {
        var data = Bytes(30000);
        var (context, seed) = Signed(data.Length);
        var body = new ChunkedBodyBuilder(seed, Now, TestKeys.ExampleCredentials).Chunk(data.AsSpan(0, 10000)).Chunk(data.AsSpan(10000, 10000), new string('a', 64))
            .Chunk(data.AsSpan(20000)).Final().Raw("\r\n").ToArray();
        var e = await Assert.ThrowsAsync<S3Exception>(() => Decode(context, body));
        Assert.Same(S3Errors.SignatureDoesNotMatch, e.Error);
    }

    [Fact]
    public async Task TamperedChunkDataThrows()
    {
        var data = Bytes(16000);
        var (context, seed) = Signed(data.Length);
        var body = new ChunkedBodyBuilder(seed, Now, TestKeys.ExampleCredentials).Chunk(data.AsSpan(0, 8000)).Chunk(data.AsSpan(8000)).Final().Raw("\r\n").ToArray();
        body[200] ^= 1;
        var e = await Assert.ThrowsAsync<S3Exception>(() => Decode(context, body));
        Assert.Same(S3Errors.SignatureDoesNotMatch, e.Error);
    }

    [Fact]
    public async Task TruncatedBodyThrowsIncompleteChunkedBody()
    {
        var data = Bytes(20000);
        var (context, seed) = Signed(data.Length);
        var body = new ChunkedBodyBuilder(seed, Now, TestKeys.ExampleCredentials).Chunk(data.AsSpan(0, 10000)).Chunk(data.AsSpan(10000)).Final().Raw("\r\n").ToArray();
        var truncated = body.AsSpan(0, 15000).ToArray();
        var e = await Assert.ThrowsAsync<S3Exception>(() => BodyReading.ReadAll(context.OpenBody(PipeReader.Create(new MemoryStream(truncated)), null)));
        Assert.Same(S3Errors.IncompleteChunkedBody, e.Error);
    }

    [Fact]
    public async Task OversizeChunkHeaderIsMalformed()
    {
        var context = UnsignedTrailer(10, null);
        var body = Encoding.ASCII.GetBytes("a;" + new string('x', 5000) + "\r\n0123456789\r\n0\r\n\r\n");
        var e = await Assert.ThrowsAsync<S3Exception>(() => Decode(context, body, step: 1));
        Assert.Same(S3Errors.MalformedChunkedBody, e.Error);
    }

    [Theory]
    [InlineData("zz\r\n")]
    [InlineData("5\n01234\r\n0\r\n\r\n")]
    [InlineData("5\r\n01234XX0\r\n\r\n")]
    public async Task BadFramingIsMalformed(string text)
    {
        var context = UnsignedTrailer(5, null);
        var e = await Assert.ThrowsAsync<S3Exception>(() => Decode(context, Encoding.ASCII.GetBytes(text)));
        Assert.Same(S3Errors.MalformedChunkedBody, e.Error);
    }

    [Fact]
    public async Task MissingChunkSignatureIsMalformed()
    {
        var (context, _) = Signed(5);
        var e = await Assert.ThrowsAsync<S3Exception>(() => Decode(context, Encoding.ASCII.GetBytes("5\r\n01234\r\n0\r\n\r\n")));
        Assert.Same(S3Errors.MalformedChunkedBody, e.Error);
    }

    [Theory]
    [InlineData(9999)]
    [InlineData(10001)]
    public async Task DecodedLengthMismatchIsIncompleteBody(int declared)
    {
        var data = Bytes(10000);
        var (context, seed) = Signed(declared);
        var body = new ChunkedBodyBuilder(seed, Now, TestKeys.ExampleCredentials).Chunk(data).Final().Raw("\r\n").ToArray();
        var e = await Assert.ThrowsAsync<S3Exception>(() => Decode(context, body));
        Assert.Same(S3Errors.IncompleteBody, e.Error);
    }

    [Theory]
    [InlineData("x-amz-checksum-crc32", ChecksumAlgorithm.Crc32, "CRC32")]
    [InlineData("x-amz-checksum-crc32c", ChecksumAlgorithm.Crc32C, "CRC32C")]
    [InlineData("x-amz-checksum-crc64nvme", ChecksumAlgorithm.Crc64Nvme, "CRC64NVME")]
    [InlineData("x-amz-checksum-sha1", ChecksumAlgorithm.Sha1, "SHA1")]
    [InlineData("x-amz-checksum-sha256", ChecksumAlgorithm.Sha256, "SHA256")]
    internal async Task UnsignedTrailerChecksumIsVerified(string header, ChecksumAlgorithm algorithm, string name)
    {
        var data = Bytes(70000, seed: 7);
        var good = RunningChecksum.Compute(algorithm, data);
        var context = UnsignedTrailer(data.Length, header);
        var body = new ChunkedBodyBuilder(null, Now, TestKeys.ExampleCredentials).Chunk(data.AsSpan(0, 65536)).Chunk(data.AsSpan(65536)).Final().Trailer((header, good)).ToArray();
        Assert.Equal(data, await Decode(context, body, step: 3));
        Assert.Equal(good, context.Checksums[name]);

        var bad = RunningChecksum.Compute(algorithm, data.AsSpan(1));
        var badContext = UnsignedTrailer(data.Length, header);
        var badBody = new ChunkedBodyBuilder(null, Now, TestKeys.ExampleCredentials).Chunk(data).Final().Trailer((header, bad)).ToArray();
        var e = await Assert.ThrowsAsync<S3Exception>(() => Decode(badContext, badBody));
        Assert.Same(S3Errors.ChecksumMismatch, e.Error);
        Assert.Empty(badContext.Checksums);
    }

    [Fact]
    public async Task SignedTrailerWithChecksumIsVerified()
    {
        var data = Bytes(12000);
        var crc = RunningChecksum.Compute(ChecksumAlgorithm.Crc64Nvme, data);
        var (context, seed) = Signed(data.Length, "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER", "x-amz-checksum-crc64nvme");
        var body = new ChunkedBodyBuilder(seed, Now, TestKeys.ExampleCredentials).Chunk(data).Final().Trailer(("x-amz-checksum-crc64nvme", crc)).ToArray();
        Assert.Equal(data, await Decode(context, body, step: 1));
        Assert.Equal(crc, context.Checksums["CRC64NVME"]);
    }

    [Fact]
    public async Task DeclaredTrailerThatIsNotSentIsRefused()
    {
        var context = UnsignedTrailer(3, "x-amz-checksum-crc32");
        var body = Encoding.ASCII.GetBytes("3\r\nabc\r\n0\r\n\r\n");
        var e = await Assert.ThrowsAsync<S3Exception>(() => Decode(context, body));
        Assert.Same(S3Errors.MalformedChunkedBody, e.Error);
    }

    [Fact]
    public async Task TrailerWithoutFinalEmptyLineIsAccepted()
    {
        var crc = RunningChecksum.Compute(ChecksumAlgorithm.Crc32, "abc"u8);
        var context = UnsignedTrailer(3, "x-amz-checksum-crc32");
        var body = Encoding.ASCII.GetBytes($"3\r\nabc\r\n0\r\nx-amz-checksum-crc32:{crc}\r\n");
        Assert.Equal("abc"u8.ToArray(), await Decode(context, body));
        Assert.Equal(crc, context.Checksums["CRC32"]);
    }

    [Fact]
    public async Task OversizeTrailerIsMalformed()
    {
        var context = UnsignedTrailer(3, null);
        var body = Encoding.ASCII.GetBytes("3\r\nabc\r\n0\r\nx-junk:" + new string('v', 20000) + "\r\n\r\n");
        var e = await Assert.ThrowsAsync<S3Exception>(() => Decode(context, body));
        Assert.Same(S3Errors.MalformedChunkedBody, e.Error);
    }

    [Fact]
    public async Task ReadAfterFailureThrowsAgain()
    {
        var context = UnsignedTrailer(5, null);
        var stream = context.OpenBody(PipeReader.Create(new MemoryStream(Encoding.ASCII.GetBytes("zz\r\n"))), null);
        await Assert.ThrowsAsync<S3Exception>(() => stream.ReadAsync(new byte[10]).AsTask());
        await Assert.ThrowsAsync<S3Exception>(() => stream.ReadAsync(new byte[10]).AsTask());
    }
}
