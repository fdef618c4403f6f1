namespace S3Spec.Features.Drivers;

/// <summary>The S3 endpoint the behaviour suite talks to, with what it can do beyond plain S3.</summary>
public interface IS3Target : IAsyncDisposable
{
    Uri Endpoint { get; }

    string AccessKey { get; }

    string SecretKey { get; }

    string Region { get; }

    /// <summary>The volume (bucket) scenarios use unless they make their own.</summary>
    string Volume { get; }

    /// <summary>How the suite's own SDK client talks to this target (checksums, chunk encoding).</summary>
    ClientSettings Client => ClientSettings.Default;

    /// <summary>True when the volumes are directories this process can read and write directly.</summary>
    bool HasDataRoot { get; }

    /// <summary>The directory whose top-level directories are the volumes; null without a data root.</summary>
    string? DataRoot { get; }

    /// <summary>True when the suite can start extra servers (e.g. with a keys file).</summary>
    bool CanControlServer { get; }

    /// <summary>Gives a scenario its own place: a fresh volume directory, or a unique key prefix in the shared volume.</summary>
    ScenarioSpace AllocateSpace(string hint);

    /// <summary>Starts another server over the same data root that accepts exactly the given keys.</summary>
    Task<IServerInstance> StartServerWithKeysAsync(IReadOnlyList<ServerKey> keys, CancellationToken cancellationToken);

    /// <summary>
    /// Starts another server (same data root, main key and region unless the settings say otherwise) with extra
    /// `--S3Spec:Name=value` settings, a keys file or a certificate for HTTPS.
    /// </summary>
    Task<IServerInstance> StartServerAsync(ServerSettings settings, CancellationToken cancellationToken);

    /// <summary>The target's own server when the suite started it (its 500s are counted per scenario); else null.</summary>
    IServerInstance? OwnServer => null;
}

/// <summary>Where one scenario works: object keys are <see cref="Prefix"/> + the key the feature names.</summary>
public sealed record ScenarioSpace(string Volume, string Prefix);

/// <summary>One entry of the server's keys file (--keys-file).</summary>
public sealed record ServerKey(string AccessKey, string SecretKey, IReadOnlyList<string> Volumes, bool ReadOnly = false, bool Disabled = false);

/// <summary>An extra server started by a scenario; disposing it stops the process.</summary>
public interface IServerInstance : IAsyncDisposable
{
    /// <summary>Where it listens now (a restart may change the port).</summary>
    Uri Endpoint { get; }

    string DataRoot { get; }

    /// <summary>The certificate it serves HTTPS with, or null for plain HTTP.</summary>
    TestCertificate? Certificate { get; }

    /// <summary>What the process wrote to stdout/stderr (for failure messages).</summary>
    string Output { get; }

    /// <summary>Stops the process and starts it again with the same settings over the same data root.</summary>
    Task RestartAsync(CancellationToken cancellationToken);

    /// <summary>How many requests it answered 500 InternalError so far (it logs each one): every one is a defect.</summary>
    int InternalErrors { get; }

    /// <summary>The first of those, each with the exception the server logged.</summary>
    string InternalErrorReports { get; }
}
