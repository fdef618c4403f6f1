namespace S3Spec.Features.Drivers;

/// <summary>
/// Everything one S3Spec.Server process is started with: the data root, the main key, the region, an optional keys
/// file, extra `--S3Spec:Name=value` settings and, for HTTPS, a certificate.
/// </summary>
public sealed record ServerLaunch(string DataRoot, string AccessKey, string SecretKey, string Region)
{
    public string? KeysFile { get; init; }

    /// <summary>Extra settings, passed as `--S3Spec:Name=value` (e.g. MaxPutSize, Profile, BaseDomain).</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>When set the server listens on https://127.0.0.1:PORT with this certificate.</summary>
    public TestCertificate? Certificate { get; init; }

    public string Scheme => Certificate is null ? "http" : "https";

    public IEnumerable<string> Arguments(int port)
    {
        yield return "--urls";
        yield return $"{Scheme}://127.0.0.1:{port}";
        yield return "--data-root";
        yield return DataRoot;
        yield return "--access-key";
        yield return AccessKey;
        yield return "--secret-key";
        yield return SecretKey;
        yield return "--region";
        yield return Region;
        if (KeysFile is not null)
        {
            yield return "--keys-file";
            yield return KeysFile;
        }

        foreach (var (name, value) in Settings)
        {
            yield return $"--S3Spec:{name}={value}";
        }

        if (Certificate is not null)
        {
            yield return $"--Kestrel:Certificates:Default:Path={Certificate.CertificatePath}";
            yield return $"--Kestrel:Certificates:Default:KeyPath={Certificate.KeyPath}";
        }
    }
}

/// <summary>What a scenario asks of an extra server; the target fills in its data root and main key.</summary>
public sealed record ServerSettings
{
    public IReadOnlyList<ServerKey>? Keys { get; init; }

    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    public TestCertificate? Certificate { get; init; }

    /// <summary>Another data root (e.g. a small tmpfs); null: the target's own.</summary>
    public string? DataRoot { get; init; }
}
