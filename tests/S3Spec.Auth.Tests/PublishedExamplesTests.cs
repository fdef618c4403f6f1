using System.IO.Pipelines;
using System.Text;
using S3Spec.Auth.Signing;
using S3Spec.Core.Errors;

namespace S3Spec.Auth.Tests;

/// <summary>The Signature V4 examples AWS publishes for S3 (examplebucket, 20130524T000000Z).</summary>
public sealed class PublishedExamplesTests
{
    private const string EmptySha = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private const string Host = "examplebucket.s3.amazonaws.com";

    private static string Auth(string signedHeaders, string signature)
        => $"AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders={signedHeaders},Signature={signature}";

    private static AuthContext Run(SigV4Request request) => TestKeys.Authenticator(TestKeys.ExampleTime).Authenticate(request);

    [Fact]
    public void GetObjectWithRange()
    {
        var request = new SigV4Request
        {
            Method = "GET",
            RawPath = "/test.txt",
            Headers = TestKeys.Headers(("Host", Host), ("Range", "bytes=0-9"), ("x-amz-content-sha256", EmptySha),
                ("x-amz-date", "20130524T000000Z"),
                ("Authorization", Auth("host;range;x-amz-content-sha256;x-amz-date", "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41"))),
        };

        var context = Run(request);

        Assert.Equal(TestKeys.ExampleAccessKey, context.Key.AccessKeyId);
        Assert.Equal(PayloadMode.Sha256, context.Payload);
    }

    [Fact]
    public void GetObjectWithOneSignatureDigitChangedIsRefused()
    {
        var request = new SigV4Request
        {
            Method = "GET",
            RawPath = "/test.txt",
            Headers = TestKeys.Headers(("Host", Host), ("Range", "bytes=0-9"), ("x-amz-content-sha256", EmptySha),
                ("x-amz-date", "20130524T000000Z"),
                ("Authorization", Auth("host;range;x-amz-content-sha256;x-amz-date", "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb42"))),
        };

        var e = Assert.Throws<S3Exception>(() => Run(request));
        Assert.Same(S3Errors.SignatureDoesNotMatch, e.Error);
    }

    [Theory]
    [InlineData("/test$file.text")]
    [InlineData("/test%24file.text")]
    public async Task PutObjectAndItsSignedPayload(string rawPath)
    {
        var request = new SigV4Request
        {
            Method = "PUT",
            RawPath = rawPath,
            Headers = TestKeys.Headers(("Host", Host), ("Date", "Fri, 24 May 2013 00:00:00 GMT"), ("x-amz-date", "20130524T000000Z"),
                ("x-amz-storage-class", "REDUCED_REDUNDANCY"),
                ("x-amz-content-sha256", "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072"),
                ("Authorization", Auth("date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class",
                    "98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd"))),
        };

        var context = Run(request);
        var body = Encoding.ASCII.GetBytes("Welcome to Amazon S3.");
        Assert.Equal(body, await BodyReading.ReadAll(context.OpenBody(PipeReader.Create(new MemoryStream(body)), body.Length)));

        var other = Encoding.ASCII.GetBytes("Welcome to Amazon S4.");
        var e = await Assert.ThrowsAsync<S3Exception>(() => BodyReading.ReadAll(context.OpenBody(PipeReader.Create(new MemoryStream(other)), other.Length)));
        Assert.Same(S3Errors.XAmzContentSHA256Mismatch, e.Error);
    }

    [Theory]
    [InlineData("lifecycle", "fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543")]
    [InlineData("max-keys=2&prefix=J", "34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7")]
    [InlineData("prefix=J&max-keys=2", "34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7")]
    public void BucketRequestsWithQuery(string query, string signature)
    {
        var request = new SigV4Request
        {
            Method = "GET",
            RawPath = "/",
            RawQuery = query,
            Headers = TestKeys.Headers(("Host", Host), ("x-amz-content-sha256", EmptySha), ("x-amz-date", "20130524T000000Z"),
                ("Authorization", Auth("host;x-amz-content-sha256;x-amz-date", signature))),
        };

        Assert.Equal(TestKeys.ExampleAccessKey, Run(request).Key.AccessKeyId);
    }

    private static SigV4Request Presigned() => new()
    {
        Method = "GET",
        RawPath = "/test.txt",
        RawQuery = "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request"
            + "&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host"
            + "&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404",
        Headers = TestKeys.Headers(("Host", Host)),
    };

    [Fact]
    public void PresignedUrlIsValidUntilItsExpiryInclusive()
    {
        var atSigning = TestKeys.Authenticator(TestKeys.ExampleTime).Authenticate(Presigned());
        Assert.True(atSigning.Presigned);
        Assert.Equal(PayloadMode.Unsigned, atSigning.Payload);

        TestKeys.Authenticator(TestKeys.ExampleTime.AddSeconds(86400)).Authenticate(Presigned());

        var e = Assert.Throws<S3Exception>(() => TestKeys.Authenticator(TestKeys.ExampleTime.AddSeconds(86401)).Authenticate(Presigned()));
        Assert.Same(S3Errors.ExpiredToken, e.Error);
        Assert.Equal("AccessDenied", e.Error.Code);
        Assert.Equal("Request has expired", e.Message);
    }

    [Fact]
    public void PresignedUrlIsNotValidLongBeforeItsDate()
    {
        TestKeys.Authenticator(TestKeys.ExampleTime.AddMinutes(-59)).Authenticate(Presigned());
        var e = Assert.Throws<S3Exception>(() => TestKeys.Authenticator(TestKeys.ExampleTime.AddMinutes(-61)).Authenticate(Presigned()));
        Assert.Same(S3Errors.AccessDenied, e.Error);
    }

    [Fact]
    public void PresignedUrlWithChangedPathIsRefused()
    {
        var p = Presigned();
        var request = new SigV4Request { Method = "GET", RawPath = "/other.txt", RawQuery = p.RawQuery, Headers = p.Headers };
        var e = Assert.Throws<S3Exception>(() => TestKeys.Authenticator(TestKeys.ExampleTime).Authenticate(request));
        Assert.Same(S3Errors.SignatureDoesNotMatch, e.Error);
    }

    [Fact]
    public void PresignedExpiresOverAWeekIsRefused()
    {
        var p = Presigned();
        var request = new SigV4Request { Method = "GET", RawPath = p.RawPath, RawQuery = p.RawQuery.Replace("X-Amz-Expires=86400", "X-Amz-Expires=604801", StringComparison.Ordinal), Headers = p.Headers };
        var e = Assert.Throws<S3Exception>(() => TestKeys.Authenticator(TestKeys.ExampleTime).Authenticate(request));
        Assert.Same(S3Errors.AuthorizationQueryParametersError, e.Error);
    }
}
