using System.Diagnostics;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace S3Spec.Benchmarks;

internal enum TargetKind
{
    S3Spec,
    Moto,
    S3rver,
}

/// <summary>
/// One S3 server process on a loopback port: S3Spec (the Release dll), moto_server or s3rver. Its stdout/stderr go
/// to a log file (a pipe nobody reads would stall it). Killed on dispose.
/// </summary>
internal sealed class Target : IAsyncDisposable, IMeasuredServer
{
    private readonly Process process;
    private readonly string scratch;

    private Target(TargetKind kind, Process process, int port, string scratch, string? dataRoot, string accessKey, string secretKey)
    {
        Kind = kind;
        this.process = process;
        this.scratch = scratch;
        Endpoint = new Uri($"http://127.0.0.1:{port}");
        DataRoot = dataRoot;
        AccessKey = accessKey;
        SecretKey = secretKey;
    }

    public TargetKind Kind { get; }

    public string Name => Kind switch
    {
        TargetKind.S3Spec => "S3Spec",
        TargetKind.Moto => "moto_server",
        _ => "s3rver",
    };

    public Uri Endpoint { get; }

    public int Pid => process.Id;

    /// <summary>S3Spec only: the data root whose top-level directories are the buckets.</summary>
    public string? DataRoot { get; }

    public string AccessKey { get; }

    public string SecretKey { get; }

    public static string Region => "us-east-1";

    /// <summary>s3rver takes neither aws-chunked bodies nor checksums.</summary>
    public bool Relaxed => Kind == TargetKind.S3rver;

    public TimeSpan StartTime { get; private set; }

    /// <summary>S3Spec only: the management port's /metrics (the allocation counter is read there).</summary>
    public Uri? MetricsUri { get; private init; }

    public Task<long?> AllocatedBytesAsync() =>
        MetricsUri is { } metrics ? AllocationCounter.ReadAsync(metrics, AllocationCounter.MetricName) : Task.FromResult<long?>(null);

    public static async Task<Target> StartS3SpecAsync(string scratchRoot, string? dataRoot = null, string? serverDll = null)
    {
        var scratch = ScratchDir.Create(scratchRoot, "run-s3spec-");
        var root = dataRoot ?? Directory.CreateDirectory(Path.Combine(scratch, "data")).FullName;
        for (var attempt = 1; ; attempt++)
        {
            var port = LoopbackPort.Free();
            var management = LoopbackPort.Free();
            while (management == port)
            {
                management = LoopbackPort.Free();
            }

            var command = $"exec dotnet {Quote(serverDll ?? ServerDll())} --urls http://127.0.0.1:{port} --data-root {Quote(root)} "
                + $"--access-key benchkey --secret-key benchsecret --region {Region} --S3Spec:ManagementUrl=http://127.0.0.1:{management}";
            try
            {
                return await LaunchAsync(TargetKind.S3Spec, command, port, scratch, root, "benchkey", "benchsecret", new Uri($"http://127.0.0.1:{management}/metrics"));
            }
            catch (InvalidOperationException ex) when (attempt < 3 && ex.Message.Contains("address already in use", StringComparison.Ordinal))
            {
                // A port free a moment ago was taken by another program in between (other work shares the machine).
                Directory.CreateDirectory(root);
            }
        }
    }

    public static async Task<Target> StartMotoAsync(string scratchRoot)
    {
        var scratch = ScratchDir.Create(scratchRoot, "run-moto-");
        var port = LoopbackPort.Free();
        return await LaunchAsync(TargetKind.Moto, $"exec python3 -m moto.server -H 127.0.0.1 -p {port}", port, scratch, null, "testing", "testing");
    }

    public static async Task<Target> StartS3rverAsync(string scratchRoot)
    {
        var scratch = ScratchDir.Create(scratchRoot, "run-s3rver-");
        var bin = Path.Combine(RepoPaths.Root(), "tests", "S3Spec.Benchmarks", "peers", "node_modules", "s3rver", "bin", "s3rver.js");
        if (!File.Exists(bin))
        {
            throw new FileNotFoundException($"s3rver is not installed: run `npm ci` in tests/S3Spec.Benchmarks/peers ({bin} missing)");
        }

        var data = Directory.CreateDirectory(Path.Combine(scratch, "data")).FullName;
        var port = LoopbackPort.Free();
        return await LaunchAsync(TargetKind.S3rver, $"exec node {Quote(bin)} -d {Quote(data)} -a 127.0.0.1 -p {port} --silent", port, scratch, null, "S3RVER", "S3RVER");
    }

    /// <summary>The Release server (benchmarks never measure a Debug build).</summary>
    public static string ServerDll() => RepoPaths.ServerDll("Release");

    public AmazonS3Client CreateClient() => CreateClient(Endpoint, AccessKey, SecretKey, Relaxed);

    /// <summary>The harness's SDK client set-up (also used against the probe's null S3 endpoint).</summary>
    public static AmazonS3Client CreateClient(Uri endpoint, string accessKey, string secretKey, bool relaxed)
    {
        var config = new AmazonS3Config
        {
            ServiceURL = endpoint.ToString(),
            ForcePathStyle = true,
            AuthenticationRegion = Region,
            HttpClientFactory = new LoopbackHttp(),
            MaxConnectionsPerServer = LoopbackHttp.MaxConnections,
            Timeout = TimeSpan.FromMinutes(30),
            MaxErrorRetry = 0,
        };
        if (relaxed)
        {
            config.RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED;
            config.ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED;
        }

        return new AmazonS3Client(new BasicAWSCredentials(accessKey, secretKey), config);
    }

    public async Task CreateBucketAsync(AmazonS3Client client, string bucket)
    {
        if (DataRoot is not null)
        {
            Directory.CreateDirectory(Path.Combine(DataRoot, bucket));
            return;
        }

        await client.PutBucketAsync(new PutBucketRequest { BucketName = bucket });
    }

    /// <summary>S3Spec only: one PUT and one listing in a scratch bucket, so measurements exclude the first-call JIT.</summary>
    public async Task WarmUpAsync(AmazonS3Client client)
    {
        await CreateBucketAsync(client, "bench-warmup");
        using var body = new MemoryStream([1, 2, 3], writable: false);
        await client.PutObjectAsync(new PutObjectRequest { BucketName = "bench-warmup", Key = "w/x", InputStream = body });
        await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = "bench-warmup", MaxKeys = 1000 });
        await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = "bench-warmup", Delimiter = "/", MaxKeys = 1000 });
        await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = "bench-warmup", StartAfter = "w/", MaxKeys = 1000 });
        await client.GetObjectMetadataAsync("bench-warmup", "w/x");
        await client.DeleteObjectAsync("bench-warmup", "w/x");
    }

    /// <summary>Environment for the AWS CLI against this target.</summary>
    public IReadOnlyDictionary<string, string> CliEnvironment() => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["AWS_ACCESS_KEY_ID"] = AccessKey,
        ["AWS_SECRET_ACCESS_KEY"] = SecretKey,
        ["AWS_DEFAULT_REGION"] = Region,
        ["AWS_EC2_METADATA_DISABLED"] = "true",
        ["AWS_CONFIG_FILE"] = "/dev/null",
        ["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null",
    };

    public async ValueTask DisposeAsync()
    {
        await ChildProcess.StopAsync(process);
        try
        {
            Directory.Delete(scratch, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static async Task<Target> LaunchAsync(TargetKind kind, string command, int port, string scratch, string? dataRoot, string accessKey, string secretKey, Uri? metrics = null)
    {
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"{command} > {Quote(Path.Combine(scratch, "server.log"))} 2>&1");
        start.Environment["DOTNET_NOLOGO"] = "1";
        var clock = Stopwatch.StartNew();
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{kind} did not start");
        var target = new Target(kind, process, port, scratch, dataRoot, accessKey, secretKey) { MetricsUri = metrics };
        try
        {
            await target.WaitUntilAnsweringAsync(port);
            target.StartTime = clock.Elapsed;
            return target;
        }
        catch
        {
            await target.DisposeAsync();
            throw;
        }
    }

    private async Task WaitUntilAnsweringAsync(int port)
    {
        using var http = LoopbackHttp.Create();
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with {process.ExitCode}: {File.ReadAllText(Path.Combine(scratch, "server.log"))}");
            }

            try
            {
                // Any HTTP answer (403 without a signature included) means the server serves requests.
                using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/"));
                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(10);
            }
        }

        throw new TimeoutException($"{Name} did not answer on port {port}");
    }

    private static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
