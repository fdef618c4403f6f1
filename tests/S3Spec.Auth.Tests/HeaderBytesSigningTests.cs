using S3Spec.Auth.Signing;
using S3Spec.Core.Errors;
using S3Spec.Testing;

namespace S3Spec.Auth.Tests;

/// <summary>
/// Header values reach the authenticator as their bytes, one char each (Kestrel decodes them as Latin-1). Clients
/// sign either those bytes (curl --aws-sigv4, anything that signs what it sends) or the UTF-8 of the chars: both verify.
/// </summary>
public sealed class HeaderBytesSigningTests
{
    private const string EmptySha = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private static readonly DateTimeOffset Signed = new(2025, 6, 1, 10, 0, 0, TimeSpan.Zero);

    // "Köln" sent as UTF-8 (C3 B6) and "Hello World" + byte E9, as Latin-1 decoding presents them.
    public static TheoryData<string> Values => new() { "K\u00c3\u00b6ln", "Hello World\u00e9", "attachment; filename=\"r\u00c3\u00a9sum\u00c3\u00a9.pdf\"" };

    [Theory]
    [MemberData(nameof(Values))]
    public void ASignatureOverTheBytesSentIsAccepted(string value) =>
        Assert.Equal(TestKeys.ExampleAccessKey, TestKeys.Authenticator(Signed).Authenticate(Put(value, signBytes: true)).Key.AccessKeyId);

    [Theory]
    [MemberData(nameof(Values))]
    public void ASignatureOverTheUtf8OfTheCharsIsAccepted(string value) =>
        Assert.Equal(TestKeys.ExampleAccessKey, TestKeys.Authenticator(Signed).Authenticate(Put(value, signBytes: false)).Key.AccessKeyId);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void AnotherValueThanTheOneSignedIsRefused(bool signBytes)
    {
        var request = Put("K\u00c3\u00b6ln", signBytes);
        var tampered = new Dictionary<string, string>(request.Headers, StringComparer.OrdinalIgnoreCase) { ["x-amz-meta-city"] = "K\u00c3\u00b7ln" };
        var e = Assert.Throws<S3Exception>(() => TestKeys.Authenticator(Signed).Authenticate(
            new SigV4Request { Method = request.Method, RawPath = request.RawPath, RawQuery = request.RawQuery, Headers = tampered }));
        Assert.Same(S3Errors.SignatureDoesNotMatch, e.Error);
    }

    [Fact]
    public void ASignatureThatDoesNotMatchOverAControlByteNamesTheValue()
    {
        // botocore folds \v like a space when it signs; the server signs the byte: the value is what is wrong.
        var request = Put("a b", signBytes: true);
        var folded = new Dictionary<string, string>(request.Headers, StringComparer.OrdinalIgnoreCase) { ["x-amz-meta-city"] = "a\u000bb" };
        var e = Assert.Throws<S3Exception>(() => TestKeys.Authenticator(Signed).Authenticate(
            new SigV4Request { Method = request.Method, RawPath = request.RawPath, RawQuery = request.RawQuery, Headers = folded }));
        Assert.Same(S3Errors.InvalidArgument, e.Error);
        Assert.Contains("x-amz-meta-city", e.Message, StringComparison.Ordinal);
    }

    private static SigV4Request Put(string value, bool signBytes)
    {
        var headers = new List<KeyValuePair<string, string>> { new("x-amz-meta-city", value) };
        TestSigner.SignHeaders("PUT", "/vol/k.txt", headers, EmptySha, TestKeys.ExampleCredentials, Signed, "localhost:9000", signBytes: signBytes);
        return new SigV4Request
        {
            Method = "PUT",
            RawPath = "/vol/k.txt",
            RawQuery = "",
            Headers = headers.ToDictionary(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase),
        };
    }
}
