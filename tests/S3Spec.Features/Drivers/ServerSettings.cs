namespace S3Spec.Features.Drivers;

/// <summary>What a scenario asks of an extra server; the target fills in its data root and main key.</summary>
public sealed record ServerSettings
{
    public IReadOnlyList<ServerKey>? Keys { get; init; }

    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    public TestCertificate? Certificate { get; init; }

    /// <summary>Another data root (e.g. a small tmpfs); null: the target's own.</summary>
    public string? DataRoot { get; init; }
}
