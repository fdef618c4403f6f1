using System.Collections.Concurrent;
using S3Spec.Auth.Keys;

namespace S3Spec.Auth.Signing;

/// <summary>
/// Signing keys (4 chained HMACs each) by access key, credential date and region spelling, so that a request costs one
/// HMAC for its signature instead of five. An entry remembers the secret it was derived from and is re-derived when
/// the key's secret changed (a reloaded keys file). Bounded: past <see cref="Capacity"/> entries it is emptied.
/// The keys are never mutated after derivation (chunk signatures only read them).
/// </summary>
internal sealed class SigningKeyCache
{
    public const int DefaultCapacity = 1024;

    private readonly ConcurrentDictionary<(string AccessKeyId, string Date, string Region), Entry> _entries = new();

    public SigningKeyCache(int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
    }

    public int Capacity { get; }

    public int Count => _entries.Count;

    public byte[] Get(AccessKey key, string date, string region)
    {
        var id = (key.AccessKeyId, date, region);
        if (_entries.TryGetValue(id, out var entry) && string.Equals(entry.Secret, key.SecretKey, StringComparison.Ordinal))
        {
            return entry.SigningKey;
        }

        var derived = SigV4Crypto.DeriveSigningKey(key.SecretKey, date, region);
        if (_entries.Count >= Capacity)
        {
            _entries.Clear();
        }

        _entries[id] = new Entry(key.SecretKey, derived);
        return derived;
    }

    private sealed record Entry(string Secret, byte[] SigningKey);
}
