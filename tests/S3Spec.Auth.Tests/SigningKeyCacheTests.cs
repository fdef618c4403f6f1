using S3Spec.Auth.Keys;
using S3Spec.Auth.Settings;
using S3Spec.Auth.Signing;
using S3Spec.Core.Errors;

namespace S3Spec.Auth.Tests;

/// <summary>The signing-key cache: keyed by access key, date and region spelling, re-derived on a new secret, bounded.</summary>
public sealed class SigningKeyCacheTests
{
    private static readonly AccessKey Key = new("AK1", "secret-one", ["*"], false, false);

    [Fact]
    public void ARepeatedScopeGetsTheSameDerivedKey()
    {
        var cache = new SigningKeyCache();
        var first = cache.Get(Key, "20250601", "us-east-1");
        Assert.Equal(SigV4Crypto.DeriveSigningKey("secret-one", "20250601", "us-east-1"), first);
        Assert.Same(first, cache.Get(Key, "20250601", "us-east-1"));
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void DateRegionSpellingAndAccessKeyEachSelectTheirOwnKey()
    {
        var cache = new SigningKeyCache();
        var other = new AccessKey("AK2", "secret-two", ["*"], false, false);
        var baseKey = cache.Get(Key, "20250601", "us-east-1");
        var nextDay = cache.Get(Key, "20250602", "us-east-1");
        var upper = cache.Get(Key, "20250601", "US-EAST-1");
        var otherKey = cache.Get(other, "20250601", "us-east-1");

        Assert.Equal(SigV4Crypto.DeriveSigningKey("secret-one", "20250602", "us-east-1"), nextDay);
        Assert.Equal(SigV4Crypto.DeriveSigningKey("secret-one", "20250601", "US-EAST-1"), upper);
        Assert.Equal(SigV4Crypto.DeriveSigningKey("secret-two", "20250601", "us-east-1"), otherKey);
        Assert.NotEqual(baseKey, nextDay);
        Assert.NotEqual(baseKey, upper);
        Assert.NotEqual(baseKey, otherKey);
        Assert.Equal(4, cache.Count);
    }

    [Fact]
    public void ANewSecretForTheSameAccessKeyIsReDerived()
    {
        var cache = new SigningKeyCache();
        cache.Get(Key, "20250601", "us-east-1");
        var rotated = Key with { SecretKey = "secret-rotated" };
        Assert.Equal(SigV4Crypto.DeriveSigningKey("secret-rotated", "20250601", "us-east-1"), cache.Get(rotated, "20250601", "us-east-1"));
    }

    [Fact]
    public void TheCacheNeverHoldsMoreThanItsCapacity()
    {
        var cache = new SigningKeyCache(capacity: 4);
        for (var day = 1; day <= 20; day++)
        {
            var date = $"202506{day:D2}";
            Assert.Equal(SigV4Crypto.DeriveSigningKey("secret-one", date, "us-east-1"), cache.Get(Key, date, "us-east-1"));
            Assert.InRange(cache.Count, 1, 4);
        }
    }

    [Fact]
    public void ARequestSignedWithARotatedOutSecretIsRefused()
    {
        var signed = new DateTimeOffset(2025, 6, 1, 10, 0, 0, TimeSpan.Zero);
        var request = SignedRequest.Sign("GET", "/vol/k", "", TestKeys.Headers(), SigV4Crypto.EmptySha256Hex, signed, "us-east-1");
        var store = new SwappableKeys(new AccessKey(TestKeys.ExampleAccessKey, TestKeys.ExampleSecret, ["*"], false, false));
        var authenticator = new SigV4Authenticator(store, new AuthOptions(), new FakeTime(signed));
        authenticator.Authenticate(request);

        store.Key = store.Key with { SecretKey = "a-new-secret" };
        var refused = Assert.Throws<S3Exception>(() => authenticator.Authenticate(request));
        Assert.Same(S3Errors.SignatureDoesNotMatch, refused.Error);
    }

    private sealed class SwappableKeys(AccessKey key) : IKeyStore
    {
        public AccessKey Key { get; set; } = key;

        public AccessKey? Find(string accessKeyId) => accessKeyId == Key.AccessKeyId ? Key : null;
    }
}
