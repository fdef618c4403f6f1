using Amazon.Runtime;
using Amazon.S3;
using S3Spec.Testing;

namespace S3Spec.Replicas.Tests;

/// <summary>
/// Three S3Spec.Server processes over one shared data root (as three pods over one ReadWriteMany volume), with one
/// volume. Every replica is killed when the collection ends, also when a test or the start-up failed.
/// By default the three share one temp folder. <c>S3SPEC_REPLICA_ROOTS</c> (three paths separated by ':') gives each
/// replica its own data root instead: three mounts of one shared filesystem (tests/gluster/stage.sh), where the
/// volume gets a new name per run and is left for the stage to remove. <c>S3SPEC_REPLICA_HAPROXY</c> (the haproxy
/// binary) puts a round-robin balancer in front (<see cref="Balancer"/>) whose address the replicas trust.
/// </summary>
public sealed class ReplicaCluster : IAsyncLifetime
{
    public const int Size = 3;

    private readonly List<ServerProcess> replicas = [];
    private readonly List<AmazonS3Client> clients = [];
    private readonly string dataRoot = Path.Combine(Path.GetTempPath(), "s3spec-replicas-" + Guid.NewGuid().ToString("N"));
    private readonly string[]? sharedRoots = Environment.GetEnvironmentVariable("S3SPEC_REPLICA_ROOTS")?.Split(':', StringSplitOptions.RemoveEmptyEntries);
    private readonly string? haproxy = Environment.GetEnvironmentVariable("S3SPEC_REPLICA_HAPROXY") is { Length: > 0 } h ? h : null;
    private Balancer? balancer;
    private AmazonS3Client? balancerClient;

    static ReplicaCluster()
    {
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
    }

    /// <summary>The volume every test works in: "shared" over a temp folder, a new name per run on a shared filesystem.</summary>
    public static string Volume { get; } = Environment.GetEnvironmentVariable("S3SPEC_REPLICA_ROOTS") is { Length: > 0 }
        ? "shared-" + Guid.NewGuid().ToString("N")[..8]
        : "shared";

    /// <summary>The data root of replica <paramref name="index"/> (all the same folder unless S3SPEC_REPLICA_ROOTS).</summary>
    public string DataRootOf(int index) => sharedRoots is { } roots ? roots[index % roots.Length] : dataRoot;

    /// <summary>True when the replicas run over separate mounts of a shared filesystem.</summary>
    public bool SeparateMounts => sharedRoots is not null;

    /// <summary>The replica processes (to kill or restart one).</summary>
    public ServerProcess Replica(int index) => replicas[index % Size];

    /// <summary>A client of the balancer (round robin over the replicas), or null without S3SPEC_REPLICA_HAPROXY.</summary>
    public AmazonS3Client? BalancerClient => balancerClient;

    /// <summary>
    /// Starts replica <paramref name="index"/> again after it was killed (or kills it first), on new ports, with its
    /// client and the balancer following it. Its start-up runs the housekeeping of a restarted pod.
    /// </summary>
    public async Task RestartAsync(int index)
    {
        var i = index % Size;
        await replicas[i].RestartAsync(graceful: false);
        clients[i].Dispose();
        clients[i] = CreateClient(replicas[i].Endpoint, ReplicaCredentials.Default);
        if (haproxy is not null)
        {
            balancerClient?.Dispose();
            balancer?.Dispose();
            balancer = await Balancer.StartAsync(haproxy, [.. replicas.Select(r => r.Endpoint)]);
            balancerClient = CreateClient(balancer.Endpoint, ReplicaCredentials.Default);
        }
    }

    /// <summary>An S3 client of replica <paramref name="index"/> (taken modulo <see cref="Size"/>).</summary>
    public AmazonS3Client Client(int index) => clients[index % Size];

    /// <summary>What the replicas printed, for failure messages.</summary>
    public string Output => string.Join("\n", replicas.Select((r, i) => $"--- replica {i} ({r.Endpoint}) ---\n{r.Output}"));

    public async Task InitializeAsync()
    {
        if (sharedRoots is { Length: not Size })
        {
            throw new InvalidOperationException($"S3SPEC_REPLICA_ROOTS names {sharedRoots.Length} data roots; the cluster has {Size} replicas.");
        }

        Directory.CreateDirectory(Path.Combine(DataRootOf(0), Volume));
        var credentials = ReplicaCredentials.Default;
        var starts = new Task<ServerProcess>[Size];
        for (var i = 0; i < Size; i++)
        {
            // Each replica also listens on a management port and counts as started once its /readyz answers 200.
            starts[i] = ServerProcess.StartAsync(new ServerOptions(DataRootOf(i), credentials.AccessKey, credentials.SecretKey, credentials.Region)
            {
                ManagementPort = true,
                OutputLimit = 1024 * 1024,
                KeepOutputTail = true,
                Settings = ReplicaSettings.For(haproxy is not null),
            });
        }

        try
        {
            await Task.WhenAll(starts);
        }
        finally
        {
            foreach (var start in starts)
            {
                if (start.IsCompletedSuccessfully)
                {
                    replicas.Add(start.Result);
                }
            }
        }

        foreach (var replica in replicas)
        {
            clients.Add(CreateClient(replica.Endpoint, credentials));
        }

        if (haproxy is not null)
        {
            balancer = await Balancer.StartAsync(haproxy, [.. replicas.Select(r => r.Endpoint)]);
            balancerClient = CreateClient(balancer.Endpoint, credentials);
        }
    }

    public Task DisposeAsync()
    {
        balancerClient?.Dispose();
        balancer?.Dispose();
        foreach (var client in clients)
        {
            client.Dispose();
        }

        foreach (var replica in replicas)
        {
            replica.Dispose();
        }

        // The stage keeps what each replica printed (S3SPEC_REPLICA_LOGS: a folder).
        if (Environment.GetEnvironmentVariable("S3SPEC_REPLICA_LOGS") is { Length: > 0 } logs)
        {
            Directory.CreateDirectory(logs);
            for (var i = 0; i < replicas.Count; i++)
            {
                File.WriteAllText(Path.Combine(logs, $"replica-{i}.log"), replicas[i].Output);
            }
        }

        try
        {
            if (sharedRoots is null)
            {
                Directory.Delete(dataRoot, recursive: true);
            }
        }
        catch (IOException)
        {
            // Best effort: a leftover temp directory does not fail the run.
        }

        // A replica that answered any request with a 500 fails the tests that used it.
        var errors = replicas.Where(r => r.InternalErrors > 0).ToList();
        if (errors.Count > 0)
        {
            throw new InvalidOperationException(
                $"{errors.Sum(r => r.InternalErrors)} request(s) were answered 500 InternalError; each is a defect:\n"
                + string.Join("\n", errors.Select(r => r.InternalErrorReports)));
        }

        return Task.CompletedTask;
    }

    /// <summary>A new client of replica <paramref name="index"/> with the SDK's default retries (as applications run it); dispose it.</summary>
    public AmazonS3Client NewRetryingClient(int index) =>
        new(new BasicAWSCredentials(ReplicaCredentials.Default.AccessKey, ReplicaCredentials.Default.SecretKey), new AmazonS3Config
        {
            ServiceURL = replicas[index % Size].Endpoint.ToString(),
            ForcePathStyle = true,
            AuthenticationRegion = ReplicaCredentials.Default.Region,
        });

    private static AmazonS3Client CreateClient(Uri endpoint, ReplicaCredentials credentials) =>
        new(new BasicAWSCredentials(credentials.AccessKey, credentials.SecretKey), new AmazonS3Config
        {
            ServiceURL = endpoint.ToString(),
            ForcePathStyle = true,
            AuthenticationRegion = credentials.Region,
            MaxErrorRetry = 0,
        });
}
