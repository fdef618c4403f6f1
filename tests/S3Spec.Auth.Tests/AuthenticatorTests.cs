using S3Spec.Auth.Keys;
using S3Spec.Auth.Settings;
using S3Spec.Auth.Signing;
using S3Spec.Core.Errors;

namespace S3Spec.Auth.Tests;

/// <summary>Refusals of the authenticator: region, skew, keys, malformed headers, other schemes.</summary>
public sealed class AuthenticatorTests
{
    private const string EmptySha = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private static readonly DateTimeOffset Signed = new(2025, 6, 1, 10, 0, 0, TimeSpan.Zero);

    private static SigV4Request Get(string region = "us-east-1", string path = "/vol/a%20b/c.txt", string query = "list-type=2&prefix=a%2Fb")
        => SignedRequest.Sign("GET", path, query, TestKeys.Headers(), EmptySha, Signed, region);

    private static S3Exception Refused(SigV4Request request, DateTimeOffset? now = null, AuthOptions? options = null, IKeyStore? keys = null)
        => Assert.Throws<S3Exception>(() => TestKeys.Authenticator(now ?? Signed, options, keys).Authenticate(request));

    private static SigV4Request WithHeader(SigV4Request r, string name, string? value)
    {
        var h = new Dictionary<string, string>(r.Headers, StringComparer.OrdinalIgnoreCase);
        if (value is null)
        {
            h.Remove(name);
        }
        else
        {
            h[name] = value;
        }

        return new SigV4Request { Method = r.Method, RawPath = r.RawPath, RawQuery = r.RawQuery, Headers = h };
    }

    [Fact]
    public void ASignedRequestIsAccepted()
        => Assert.Equal(TestKeys.ExampleAccessKey, TestKeys.Authenticator(Signed).Authenticate(Get()).Key.AccessKeyId);

    [Fact]
    public void SkewOf59MinutesIsAcceptedAnd61Refused()
    {
        TestKeys.Authenticator(Signed.AddMinutes(59)).Authenticate(Get());
        TestKeys.Authenticator(Signed.AddMinutes(-59)).Authenticate(Get());
        TestKeys.Authenticator(Signed.AddMinutes(60)).Authenticate(Get());
        Assert.Same(S3Errors.RequestTimeTooSkewed, Refused(Get(), Signed.AddMinutes(61)).Error);
        Assert.Same(S3Errors.RequestTimeTooSkewed, Refused(Get(), Signed.AddMinutes(-61)).Error);
    }

    [Fact]
    public void RegionIsMatchedCaseInsensitivelyAndUsEast1IsAccepted()
    {
        var options = new AuthOptions { Region = "EU-RO-1" };
        TestKeys.Authenticator(Signed, options).Authenticate(Get("eu-ro-1"));
        TestKeys.Authenticator(Signed, options).Authenticate(Get("EU-RO-1"));
        TestKeys.Authenticator(Signed, options).Authenticate(Get("us-east-1"));
        var noUsEast1 = new AuthOptions { Region = "EU-RO-1", AcceptUsEast1 = false };
        Assert.Same(S3Errors.AuthorizationHeaderMalformed, Refused(Get("us-east-1"), options: noUsEast1).Error);
    }

    [Fact]
    public void WrongRegionNamesTheExpectedOne()
    {
        var e = Refused(Get("us-west-2"), options: new AuthOptions { Region = "EU-RO-1" });
        Assert.Same(S3Errors.AuthorizationHeaderMalformed, e.Error);
        Assert.Contains("the region 'us-west-2' is wrong; expecting 'EU-RO-1'", e.Message, StringComparison.Ordinal);
        Assert.Contains(new KeyValuePair<string, string>("Region", "EU-RO-1"), e.Details);
    }

    [Fact]
    public void UnknownAndDisabledKeysAreInvalidAccessKeyId()
    {
        Assert.Same(S3Errors.InvalidAccessKeyId, Refused(Get(), keys: new TestKeys()).Error);
        var disabled = new TestKeys(new AccessKey(TestKeys.ExampleAccessKey, TestKeys.ExampleSecret, ["*"], false, Disabled: true));
        Assert.Same(S3Errors.InvalidAccessKeyId, Refused(Get(), keys: disabled).Error);
    }

    [Fact]
    public void WrongSecretIsSignatureDoesNotMatch()
    {
        var keys = new TestKeys(new AccessKey(TestKeys.ExampleAccessKey, "another-secret", ["*"], false, false));
        var e = Refused(Get(), keys: keys);
        Assert.Same(S3Errors.SignatureDoesNotMatch, e.Error);
        Assert.Contains(e.Details, d => d.Key == "CanonicalRequest" && d.Value.StartsWith("GET\n/vol/a%20b/c.txt\nlist-type=2&prefix=a%2Fb\n", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("range", "bytes=0-1")]
    [InlineData("x-amz-date", "20250601T100001Z")]
    public void ChangingASignedHeaderIsSignatureDoesNotMatch(string name, string value)
    {
        var r = SignedRequest.Sign("GET", "/vol/k", "", TestKeys.Headers(("range", "bytes=0-9")), EmptySha, Signed);
        Assert.Same(S3Errors.SignatureDoesNotMatch, Refused(WithHeader(r, name, value)).Error);
    }

    [Fact]
    public void ChangedQueryIsSignatureDoesNotMatch()
    {
        var r = Get();
        var changed = new SigV4Request { Method = "GET", RawPath = r.RawPath, RawQuery = "list-type=2&prefix=a%2Fc", Headers = r.Headers };
        Assert.Same(S3Errors.SignatureDoesNotMatch, Refused(changed).Error);
    }

    [Fact]
    public void PathIsCanonicalizedWithoutDoubleEncoding()
    {
        var r = SignedRequest.Sign("GET", "/vol/a%20b/%C3%A9t%C3%A9+x~y.txt", "", TestKeys.Headers(), EmptySha, Signed);
        var sameBytesOtherSpelling = new SigV4Request { Method = "GET", RawPath = "/vol/a%20b/%c3%a9t%c3%a9%2Bx%7Ey.txt", Headers = r.Headers };
        TestKeys.Authenticator(Signed).Authenticate(sameBytesOtherSpelling);
    }

    [Fact]
    public void MissingContentSha256IsInvalidRequest()
    {
        var e = Refused(WithHeader(Get(), "x-amz-content-sha256", null));
        Assert.Same(S3Errors.InvalidRequest, e.Error);
        Assert.Contains("x-amz-content-sha256", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidContentSha256IsInvalidArgument()
        => Assert.Same(S3Errors.InvalidArgument, Refused(SignedRequest.Sign("GET", "/v", "", TestKeys.Headers(), "abc", Signed)).Error);

    [Fact]
    public void AnonymousRequestIsAccessDenied()
    {
        var r = new SigV4Request { Method = "GET", RawPath = "/vol/k", Headers = TestKeys.Headers(("host", "x")) };
        Assert.Same(S3Errors.AccessDenied, Refused(r).Error);
    }

    [Fact]
    public void SigV2IsRefusedClearly()
    {
        var e = Refused(WithHeader(Get(), "authorization", "AWS AKIAIOSFODNN7EXAMPLE:frJIUN8DYpKDtOLCwo//yllqDzg="));
        Assert.Same(S3Errors.InvalidSignatureVersion, e.Error);
        Assert.Contains("Signature Version 2 is not supported", e.Message, StringComparison.Ordinal);

        var query = new SigV4Request { Method = "GET", RawPath = "/v/k", RawQuery = "AWSAccessKeyId=AK&Expires=1&Signature=x", Headers = TestKeys.Headers() };
        Assert.Same(S3Errors.InvalidSignatureVersion, Refused(query).Error);
    }

    [Theory]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20250601/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-date")]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20250601/us-east-1/ec2/aws4_request, SignedHeaders=host;x-amz-date, Signature=0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20250601/us-east-1/s3/aws5_request, SignedHeaders=host;x-amz-date, Signature=0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/2025061/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-date, Signature=0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20250601/us-east-1/s3, SignedHeaders=host;x-amz-date, Signature=0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20250601/us-east-1/s3/aws4_request, SignedHeaders=x-amz-date, Signature=0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20250601/us-east-1/s3/aws4_request, SignedHeaders=Host;x-amz-date, Signature=0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20250601/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-date, Signature=00")]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20250601/us-east-1/s3/aws4_request, Credential=x, SignedHeaders=host, Signature=0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20250601/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-content-sha256, Signature=0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20250602/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-date, Signature=0000000000000000000000000000000000000000000000000000000000000000")]
    public void MalformedAuthorizationIsAuthorizationHeaderMalformed(string authorization)
    {
        var e = Refused(WithHeader(Get(), "authorization", authorization));
        Assert.Same(S3Errors.AuthorizationHeaderMalformed, e.Error);
        Assert.StartsWith("The authorization header is malformed", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OtherAlgorithmIsRefused()
    {
        var e = Refused(WithHeader(Get(), "authorization", "AWS4-ECDSA-P256-SHA256 Credential=AK/20250601/s3/aws4_request, SignedHeaders=host, Signature=00"));
        Assert.Same(S3Errors.InvalidSignatureVersion, e.Error);
    }

    [Fact]
    public void BothHeaderAndQueryAuthIsInvalidArgument()
    {
        var r = Get();
        var both = new SigV4Request { Method = "GET", RawPath = r.RawPath, RawQuery = "X-Amz-Algorithm=AWS4-HMAC-SHA256", Headers = r.Headers };
        Assert.Same(S3Errors.InvalidArgument, Refused(both).Error);
    }

    [Theory]
    [InlineData("Sun, 01 Jun 2025 10:00:00 -0000")]
    [InlineData("Sun, 01 Jun 2025 10:00:00 GMT")]
    [InlineData("Sunday, 01-Jun-25 10:00:00 GMT")]
    [InlineData("Sun Jun  1 10:00:00 2025")]
    [InlineData("Sun, 01 Jun 2025 12:00:00 +0200")]
    [InlineData("Sun, 01 Jun 2025 05:00:00 EST")]
    public void ARequestDatedByTheDateHeaderIsAccepted(string date)
    {
        var request = SignedRequest.Sign("GET", "/vol/k", "", TestKeys.Headers(), EmptySha, Signed, dateHeader: date);
        Assert.False(request.Headers.ContainsKey("x-amz-date"));
        Assert.Equal(TestKeys.ExampleAccessKey, TestKeys.Authenticator(Signed).Authenticate(request).Key.AccessKeyId);
    }

    [Fact]
    public void TheDateHeaderIsSubjectToTheSkewAndMustBeSigned()
    {
        var dated = SignedRequest.Sign("GET", "/vol/k", "", TestKeys.Headers(), EmptySha, Signed, dateHeader: "Sun, 01 Jun 2025 10:00:00 -0000");
        Assert.Same(S3Errors.RequestTimeTooSkewed, Refused(dated, Signed.AddMinutes(61)).Error);

        var unsigned = WithHeader(WithHeader(Get(), "x-amz-date", null), "date", "Sun, 01 Jun 2025 10:00:00 GMT");
        Assert.Same(S3Errors.AuthorizationHeaderMalformed, Refused(unsigned).Error);
    }

    [Fact]
    public void XAmzDateWinsOverTheDateHeader()
    {
        // A signed Date two hours off beside a valid x-amz-date: x-amz-date is used.
        var both = SignedRequest.Sign("GET", "/vol/k", "", TestKeys.Headers(("date", "Sun, 01 Jun 2025 08:00:00 GMT")), EmptySha, Signed);
        TestKeys.Authenticator(Signed).Authenticate(both);

        // A valid Date beside an invalid x-amz-date: x-amz-date is still the one read, and refused.
        var badAmz = SignedRequest.Sign("GET", "/vol/k", "", TestKeys.Headers(("date", "Sun, 01 Jun 2025 10:00:00 GMT")), EmptySha, Signed);
        Assert.Same(S3Errors.AccessDenied, Refused(WithHeader(badAmz, "x-amz-date", "Sun, 01 Jun 2025 10:00:00 GMT")).Error);
    }

    [Fact]
    public void AnEmptyDateBesideAValidXAmzDateIsIgnored()
    {
        var signedEmpty = SignedRequest.Sign("GET", "/vol/k", "", TestKeys.Headers(("date", "")), EmptySha, Signed);
        TestKeys.Authenticator(Signed).Authenticate(signedEmpty);
        TestKeys.Authenticator(Signed).Authenticate(WithHeader(Get(), "date", " "));
    }

    [Fact]
    public void MissingDateIsAccessDenied()
        => Assert.Same(S3Errors.AccessDenied, Refused(WithHeader(Get(), "x-amz-date", null)).Error);

    [Fact]
    public void StreamingPayloadWithoutDecodedLengthIsRefused()
    {
        var r = SignedRequest.Sign("PUT", "/v/k", "", TestKeys.Headers(), "STREAMING-AWS4-HMAC-SHA256-PAYLOAD", Signed);
        Assert.Same(S3Errors.MissingContentLength, Refused(r).Error);
    }

    [Fact]
    public void UnsupportedTrailerIsRefused()
    {
        var r = SignedRequest.Sign("PUT", "/v/k", "", TestKeys.Headers(("x-amz-decoded-content-length", "1"), ("x-amz-trailer", "x-amz-checksum-md5")),
            "STREAMING-UNSIGNED-PAYLOAD-TRAILER", Signed);
        Assert.Same(S3Errors.InvalidRequest, Refused(r).Error);
    }

    [Fact]
    public void AccessKeyMayUseItsVolumesOnly()
    {
        var k = new AccessKey("a", "s", ["vol1", "vol2"], false, false);
        Assert.True(k.MayUse("vol2"));
        Assert.False(k.MayUse("vol3"));
        Assert.True(new AccessKey("a", "s", ["*"], false, false).MayUse("anything"));
        Assert.DoesNotContain("s", k.ToString().Replace("AccessKey", "", StringComparison.Ordinal).Split(' ', ',', '=', '{', '}'));
    }
}
