using Amazon.Runtime;
using Amazon.S3;
using S3Spec.Testing;

namespace S3Spec.Replicas.Tests;

/// <summary>
/// Three S3Spec.Server processes over one shared data root (as three pods over one ReadWriteMany volume), with one
/// volume. Every replica is killed when the collection ends, also when a test or the start-up failed.
/// </summary>
public sealed class ReplicaCluster : IAsyncLifetime
{
    public const int Size = 3;
    public const string Volume = "shared";

    private readonly List<ServerProcess> replicas = [];
    private readonly List<AmazonS3Client> clients = [];
    private readonly string dataRoot = Path.Combine(Path.GetTempPath(), "s3spec-replicas-" + Guid.NewGuid().ToString("N"));

    static ReplicaCluster()
    {
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
    }

    public string DataRoot => dataRoot;

    /// <summary>An S3 client of replica <paramref name="index"/> (taken modulo <see cref="Size"/>).</summary>
    public AmazonS3Client Client(int index) => clients[index % Size];

    /// <summary>What the replicas printed, for failure messages.</summary>
    public string Output => string.Join("\n", replicas.Select((r, i) => $"--- replica {i} ({r.Endpoint}) ---\n{r.Output}"));

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(dataRoot, Volume));
        var credentials = ReplicaCredentials.Default;
        var starts = new Task<ServerProcess>[Size];
        for (var i = 0; i < Size; i++)
        {
            // Each replica also listens on a management port and counts as started once its /readyz answers 200.
            starts[i] = ServerProcess.StartAsync(new ServerOptions(dataRoot, credentials.AccessKey, credentials.SecretKey, credentials.Region)
            {
                ManagementPort = true,
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
    }

    public Task DisposeAsync()
    {
        foreach (var client in clients)
        {
            client.Dispose();
        }

        foreach (var replica in replicas)
        {
            replica.Dispose();
        }

        try
        {
            Directory.Delete(dataRoot, recursive: true);
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

    private static AmazonS3Client CreateClient(Uri endpoint, ReplicaCredentials credentials) =>
        new(new BasicAWSCredentials(credentials.AccessKey, credentials.SecretKey), new AmazonS3Config
        {
            ServiceURL = endpoint.ToString(),
            ForcePathStyle = true,
            AuthenticationRegion = credentials.Region,
            MaxErrorRetry = 0,
        });
}
