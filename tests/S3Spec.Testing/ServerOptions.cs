namespace S3Spec.Testing;

/// <summary>
/// Everything one S3Spec.Server process is started with. The S3 port (and the management port, when asked for) are
/// picked free on 127.0.0.1 at every start.
/// </summary>
public sealed record ServerOptions(string DataRoot, string AccessKey, string SecretKey, string Region)
{
    public string? KeysFile { get; init; }

    /// <summary>Extra settings, passed as `--S3Spec:Name=value` (e.g. MaxPutSize, BaseDomain).</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The settings profile (`--S3Spec:Profile=...`), or null for the server's default.</summary>
    public string? Profile { get; init; }

    /// <summary>Further command-line arguments, appended as given.</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>Environment variables of the server process (on top of DOTNET_NOLOGO and AWS_EC2_METADATA_DISABLED).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// When true the server also listens on a management port (`--S3Spec:ManagementUrl`) and counts as started once
    /// its /readyz answers 200; otherwise once the S3 port accepts a TCP connection.
    /// </summary>
    public bool ManagementPort { get; init; }

    /// <summary>PEM certificate and key: the server listens on https://127.0.0.1:PORT with them.</summary>
    public string? CertificatePath { get; init; }

    public string? CertificateKeyPath { get; init; }

    /// <summary>The server dll; null: <see cref="RepoPaths.ServerDll()"/>.</summary>
    public string? ServerDll { get; init; }

    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How much of stdout/stderr is kept for <see cref="ServerProcess.Output"/>.</summary>
    public int OutputLimit { get; init; } = 64 * 1024;

    /// <summary>False: keep the first <see cref="OutputLimit"/> characters; true: keep (about) the last ones.</summary>
    public bool KeepOutputTail { get; init; }

    public string Scheme => CertificatePath is null ? "http" : "https";

    /// <summary>The command line after the dll for one start.</summary>
    public IEnumerable<string> CommandLine(int port, int? managementPort)
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

        if (managementPort is { } management)
        {
            yield return $"--S3Spec:ManagementUrl=http://127.0.0.1:{management}";
        }

        if (Profile is not null)
        {
            yield return $"--S3Spec:Profile={Profile}";
        }

        foreach (var (name, value) in Settings)
        {
            yield return $"--S3Spec:{name}={value}";
        }

        if (CertificatePath is not null)
        {
            yield return $"--Kestrel:Certificates:Default:Path={CertificatePath}";
            if (CertificateKeyPath is not null)
            {
                yield return $"--Kestrel:Certificates:Default:KeyPath={CertificateKeyPath}";
            }
        }

        foreach (var argument in Arguments)
        {
            yield return argument;
        }
    }
}
