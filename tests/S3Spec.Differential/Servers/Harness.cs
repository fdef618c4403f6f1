using Amazon.S3;
using S3Spec.Differential.Execution;
using S3Spec.Differential.Model;

namespace S3Spec.Differential.Servers;

/// <summary>
/// S3Spec (the built server dll, through <see cref="ServerProcess"/>) and moto_server on free loopback ports, the three
/// client stacks, and a bucket per sequence: a directory under S3Spec's data root, CreateBucket on moto. Disposing stops
/// both servers and the boto3 executor by PID and removes the data root.
/// </summary>
internal sealed class Harness : IAsyncDisposable
{
    private readonly string dataRoot;
    private int buckets;

    private Harness(string dataRoot, ServerProcess s3spec, MotoProcess moto, BotoStack boto)
    {
        this.dataRoot = dataRoot;
        S3SpecServer = s3spec;
        MotoServer = moto;
        S3Spec = new Target("s3spec", s3spec.Endpoint);
        Moto = new Target("moto", moto.Endpoint);
        Stacks = new Dictionary<ClientStack, IClientStack> { [ClientStack.Sdk] = new SdkStack(), [ClientStack.Boto] = boto, [ClientStack.Raw] = new RawStack() };
        AdminS3Spec = SdkStack.NewClient(s3spec.Endpoint);
        AdminMoto = SdkStack.NewClient(moto.Endpoint);
    }

    public ServerProcess S3SpecServer { get; }

    public MotoProcess MotoServer { get; }

    public Target S3Spec { get; }

    public Target Moto { get; }

    public IReadOnlyDictionary<ClientStack, IClientStack> Stacks { get; }

    /// <summary>SDK clients the harness itself uses (bucket creation, reconciliation), never a stack under test.</summary>
    public AmazonS3Client AdminS3Spec { get; }

    public AmazonS3Client AdminMoto { get; }

    public static async Task<Harness> StartAsync()
    {
        await MotoProcess.EnsureInstalledAsync();
        var dataRoot = Path.Combine(Path.GetTempPath(), "s3spec-diff-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dataRoot);
        ServerProcess? s3spec = null;
        MotoProcess? moto = null;
        try
        {
            var options = new ServerOptions(dataRoot, Target.AccessKey, Target.SecretKey, Target.Region) { KeepOutputTail = true };
            var s3specStart = ServerProcess.StartAsync(options);
            moto = await MotoProcess.StartAsync();
            s3spec = await s3specStart;
            var boto = await BotoStack.StartAsync([new Target("s3spec", s3spec.Endpoint), new Target("moto", moto.Endpoint)], MotoProcess.Python);
            return new Harness(dataRoot, s3spec, moto, boto);
        }
        catch
        {
            s3spec?.Dispose();
            moto?.Dispose();
            TryDelete(dataRoot);
            throw;
        }
    }

    /// <summary>A new, empty bucket on both servers.</summary>
    public async Task<string> NewBucketAsync(string tag)
    {
        var name = $"diff-{tag}-{++buckets}".ToLowerInvariant();
        Directory.CreateDirectory(Path.Combine(dataRoot, name));
        await AdminMoto.PutBucketAsync(name);
        return name;
    }

    /// <summary>Removes a sequence's bucket from S3Spec's data root (moto keeps it in memory until it stops).</summary>
    public void DropBucket(string name) => TryDelete(Path.Combine(dataRoot, name));

    /// <summary>Kills both servers and the boto3 executor at once (signal handlers); DisposeAsync does the same in order.</summary>
    public void Kill()
    {
        S3SpecServer.Kill();
        MotoServer.Dispose();
        ((BotoStack)Stacks[ClientStack.Boto]).Kill();
        TryDelete(dataRoot);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var stack in Stacks.Values)
        {
            await stack.DisposeAsync();
        }

        AdminS3Spec.Dispose();
        AdminMoto.Dispose();
        await S3SpecServer.DisposeAsync();
        MotoServer.Dispose();
        TryDelete(dataRoot);
    }

    private static void TryDelete(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
