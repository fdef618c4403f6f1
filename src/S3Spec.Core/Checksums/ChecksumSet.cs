using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace S3Spec.Core.Checksums;

/// <summary>
/// The checksums of one object, part or request body: at most one base64 value per <see cref="ChecksumAlgorithm"/>,
/// immutable, compared by value. What crosses the storage contract (verified by auth, stored by storage, sent by
/// handlers). Its dictionary view is keyed by the upper-case S3 names (<see cref="ChecksumNames"/>), in the order of
/// <see cref="ChecksumAlgorithms.All"/>.
/// </summary>
public sealed class ChecksumSet : IReadOnlyDictionary<string, string>, IEquatable<ChecksumSet>
{
    private readonly string?[] values;

    private ChecksumSet(string?[] values)
    {
        this.values = values;
        Count = values.Count(v => v is not null);
    }

    public static ChecksumSet Empty { get; } = new(new string?[ChecksumAlgorithms.All.Length]);

    public int Count { get; }

    /// <summary>The algorithms present, in the order of <see cref="ChecksumAlgorithms.All"/>.</summary>
    public IEnumerable<ChecksumAlgorithm> Algorithms => ChecksumAlgorithms.All.Where(a => values[(int)a] is not null);

    public IEnumerable<string> Keys => Algorithms.Select(ChecksumAlgorithms.Name);

    public IEnumerable<string> Values => values.OfType<string>();

    public string? this[ChecksumAlgorithm algorithm] => values[(int)algorithm];

    public string this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key);

    /// <summary>A set of (name, base64) pairs with S3 names in any case; ArgumentException for a name that is no S3 algorithm.</summary>
    public static ChecksumSet From(IEnumerable<KeyValuePair<string, string>> byName)
    {
        ArgumentNullException.ThrowIfNull(byName);
        var result = Empty;
        foreach (var (name, value) in byName)
        {
            result = ChecksumAlgorithms.TryParse(name, out var algorithm)
                ? result.With(algorithm, value)
                : throw new ArgumentException($"'{name}' is not an S3 checksum algorithm.", nameof(byName));
        }

        return result;
    }

    /// <summary>This set with <paramref name="algorithm"/>'s value set (replaced).</summary>
    public ChecksumSet With(ChecksumAlgorithm algorithm, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var copy = (string?[])values.Clone();
        copy[(int)algorithm] = value;
        return new ChecksumSet(copy);
    }

    /// <summary>The entries for which <paramref name="keep"/> holds.</summary>
    public ChecksumSet Where(Func<ChecksumAlgorithm, string, bool> keep)
    {
        ArgumentNullException.ThrowIfNull(keep);
        var copy = new string?[values.Length];
        foreach (var a in Algorithms)
        {
            copy[(int)a] = keep(a, values[(int)a]!) ? values[(int)a] : null;
        }

        return new ChecksumSet(copy);
    }

    public bool TryGetValue(ChecksumAlgorithm algorithm, [MaybeNullWhen(false)] out string value)
    {
        value = values[(int)algorithm];
        return value is not null;
    }

    /// <summary>By upper-case S3 name, as stored and sent (a lower-case name is not a key).</summary>
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value)
    {
        foreach (var a in ChecksumAlgorithms.All)
        {
            if (string.Equals(key, ChecksumAlgorithms.Name(a), StringComparison.Ordinal))
            {
                return TryGetValue(a, out value);
            }
        }

        value = null;
        return false;
    }

    public bool ContainsKey(string key) => TryGetValue(key, out _);

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator()
    {
        foreach (var a in ChecksumAlgorithms.All)
        {
            if (values[(int)a] is { } value)
            {
                yield return new KeyValuePair<string, string>(ChecksumAlgorithms.Name(a), value);
            }
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool Equals(ChecksumSet? other) => other is not null && values.AsSpan().SequenceEqual(other.values);

    public override bool Equals(object? obj) => Equals(obj as ChecksumSet);

    public override int GetHashCode()
    {
        var hash = default(HashCode);
        foreach (var v in values)
        {
            hash.Add(v);
        }

        return hash.ToHashCode();
    }
}
