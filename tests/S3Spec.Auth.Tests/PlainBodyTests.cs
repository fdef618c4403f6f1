using S3Spec.Core.Checksums;
using System.IO.Pipelines;
using System.Security.Cryptography;
using S3Spec.Auth.Checksums;
using S3Spec.Auth.Signing;
using S3Spec.Core.Errors;

namespace S3Spec.Auth.Tests;

/// <summary>Bodies that are not aws-chunked: x-amz-content-sha256, x-amz-checksum-* headers and length.</summary>
public sealed class PlainBodyTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Data = RandomNumberGenerator.GetBytes(5000);

    private static AuthContext Context(string payloadHash, params (string, string)[] headers)
        => TestKeys.Authenticator(Now).Authenticate(SignedRequest.Sign("PUT", "/vol/k", "", TestKeys.Headers(headers), payloadHash, Now));

    private static Task<byte[]> Read(AuthContext c, byte[] body, long? length, bool verifyHeader = true)
        => BodyReading.ReadAll(c.OpenBody(new DribblePipeReader(body, 333), length, verifyHeader), 1000);

    [Fact]
    public async Task Sha256PayloadIsVerified()
    {
        var c = Context(Convert.ToHexStringLower(SHA256.HashData(Data)));
        Assert.Equal(Data, await Read(c, Data, Data.Length));
        var other = (byte[])Data.Clone();
        other[^1] ^= 1;
        var e = await Assert.ThrowsAsync<S3Exception>(() => Read(c, other, other.Length));
        Assert.Same(S3Errors.XAmzContentSHA256Mismatch, e.Error);
    }

    [Fact]
    public async Task UnsignedPayloadPassesThroughAndChecksLength()
    {
        var c = Context("UNSIGNED-PAYLOAD");
        Assert.Equal(PayloadMode.Unsigned, c.Payload);
        Assert.Equal(Data, await Read(c, Data, Data.Length));
        var e = await Assert.ThrowsAsync<S3Exception>(() => Read(c, Data, Data.Length + 1));
        Assert.Same(S3Errors.IncompleteBody, e.Error);
    }

    [Fact]
    public async Task ChecksumHeaderIsVerified()
    {
        var crc = RunningChecksum.Compute(ChecksumAlgorithm.Crc32C, Data);
        var c = Context("UNSIGNED-PAYLOAD", ("x-amz-checksum-crc32c", crc));
        Assert.Equal(Data, await Read(c, Data, Data.Length));
        Assert.Equal(crc, c.Checksums["CRC32C"]);

        var wrong = Context("UNSIGNED-PAYLOAD", ("x-amz-checksum-crc32c", RunningChecksum.Compute(ChecksumAlgorithm.Crc32C, "x"u8)));
        var e = await Assert.ThrowsAsync<S3Exception>(() => Read(wrong, Data, Data.Length));
        Assert.Same(S3Errors.ChecksumMismatch, e.Error);

        // CompleteMultipartUpload: the header describes the object, not the body.
        Assert.Equal(Data, await Read(wrong, Data, Data.Length, verifyHeader: false));
    }

    [Fact]
    public void InvalidOrDuplicateChecksumHeadersAreInvalidRequest()
    {
        var invalid = Context("UNSIGNED-PAYLOAD", ("x-amz-checksum-crc32", "not-base64!"));
        Assert.Same(S3Errors.InvalidRequest, Assert.Throws<S3Exception>(() => invalid.OpenBody(PipeReader.Create(Stream.Null), 0)).Error);

        var two = Context("UNSIGNED-PAYLOAD", ("x-amz-checksum-crc32", "AAAAAA=="), ("x-amz-checksum-sha1", "AAAAAAAAAAAAAAAAAAAAAAAAAAA="));
        Assert.Same(S3Errors.InvalidRequest, Assert.Throws<S3Exception>(() => two.OpenBody(PipeReader.Create(Stream.Null), 0)).Error);
    }

    [Fact]
    public void BodyStreamIsReadOnlyAndNotSeekable()
    {
        var s = Context("UNSIGNED-PAYLOAD").OpenBody(PipeReader.Create(Stream.Null), 0);
        Assert.True(s.CanRead);
        Assert.False(s.CanSeek);
        Assert.False(s.CanWrite);
        Assert.Throws<NotSupportedException>(() => s.Length);
        Assert.Equal(0, s.Read(new byte[4], 0, 4));
    }
}
