using System.Runtime.InteropServices;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.S3;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using S3Spec.Server.Hosting;

namespace S3Spec.TestHost;

/// <summary>
/// S3Spec running inside the test process on a free 127.0.0.1 port over a temporary data root, with the volumes and
/// keys of <see cref="S3SpecTestHostOptions"/>. Dispose stops it and removes the data root. One per test class
/// (xUnit <c>IClassFixture</c>/<c>IAsyncLifetime</c>, NUnit <c>[OneTimeSetUp]</c>, MSTest <c>[ClassInitialize]</c>) or per test.
/// </summary>
public sealed class S3SpecTestHost : IAsyncDisposable, IDisposable
{
    private readonly WebApplication app;
    private int disposed;

    private S3SpecTestHost(WebApplication app, Uri endpoint, string dataRoot, S3SpecTestHostOptions options)
    {
        this.app = app;
        Endpoint = endpoint;
        DataRoot = dataRoot;
        AccessKey = options.AccessKey;
        SecretKey = options.SecretKey;
        Region = options.Region;
    }

    /// <summary>The S3 endpoint, e.g. http://127.0.0.1:41234.</summary>
    public Uri Endpoint { get; }

    /// <summary>The temporary data root: each top-level directory is a volume; files written here are objects.</summary>
    public string DataRoot { get; }

    /// <summary>The main access key (all volumes).</summary>
    public string AccessKey { get; }

    /// <summary>The main key's secret.</summary>
    public string SecretKey { get; }

    /// <summary>The region to sign with.</summary>
    public string Region { get; }

    /// <summary>Starts S3Spec; returns once it accepts requests. Throws <see cref="PlatformNotSupportedException"/> off Linux.</summary>
    public static async Task<S3SpecTestHost> StartAsync(S3SpecTestHostOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException($"S3Spec runs on Linux only: its storage uses openat2, statx, extended attributes and OFD locks. This system is {RuntimeInformation.OSDescription}.");
        }

        options ??= new S3SpecTestHostOptions();
        var root = Path.Combine(Path.GetTempPath(), "s3spec-testhost-" + Guid.NewGuid().ToString("N"));
        var dataRoot = Path.Combine(root, "data");
        try
        {
            Directory.CreateDirectory(dataRoot);
            foreach (var volume in options.Volumes)
            {
                Directory.CreateDirectory(Path.Combine(dataRoot, volume));
            }

            var keysFile = Path.Combine(root, "keys.json");
            WriteKeys(keysFile, options);
            var args = new List<string>
            {
                "--urls", "http://127.0.0.1:0", "--data-root", dataRoot, "--keys-file", keysFile, "--region", options.Region,
                $"--S3Spec:Profile={options.Profile}", "--S3Spec:ConnectionBlock=false",
                $"--Logging:LogLevel:Default={options.LogLevel}", $"--Logging:LogLevel:Microsoft={options.LogLevel}",
            };
            args.AddRange(options.Settings.Select(s => $"--S3Spec:{s.Key}={s.Value}"));
            var app = S3SpecHost.Build([.. args], "s3spec");
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
            return new S3SpecTestHost(app, new Uri(address), dataRoot, options);
        }
        catch
        {
            Remove(root);
            throw;
        }
    }

    /// <summary>Client settings for this host (path style, its region, no retries of errors).</summary>
    public AmazonS3Config ClientConfig() => new()
    {
        ServiceURL = Endpoint.ToString(),
        ForcePathStyle = true,
        AuthenticationRegion = Region,
        MaxErrorRetry = 0,
    };

    /// <summary>An AWS SDK client for the main key, or for <paramref name="accessKey"/>/<paramref name="secretKey"/>.</summary>
    public AmazonS3Client CreateClient(string? accessKey = null, string? secretKey = null) =>
        new(new BasicAWSCredentials(accessKey ?? AccessKey, secretKey ?? SecretKey), ClientConfig());

    /// <summary>The directory of a volume in <see cref="DataRoot"/>.</summary>
    public string VolumePath(string volume) => Path.Combine(DataRoot, volume);

    /// <summary>The settings other clients read: AWS_ENDPOINT_URL, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_REGION, AWS_DEFAULT_REGION.</summary>
    public IReadOnlyDictionary<string, string> EnvironmentVariables() => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["AWS_ENDPOINT_URL"] = Endpoint.ToString().TrimEnd('/'),
        ["AWS_ACCESS_KEY_ID"] = AccessKey,
        ["AWS_SECRET_ACCESS_KEY"] = SecretKey,
        ["AWS_REGION"] = Region,
        ["AWS_DEFAULT_REGION"] = Region,
        ["AWS_EC2_METADATA_DISABLED"] = "true",
    };

    /// <summary>Stops the server (in-flight requests finish) and removes the data root.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        try
        {
            await app.StopAsync().ConfigureAwait(false);
            await app.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            Remove(Path.GetDirectoryName(DataRoot)!);
        }
    }

    /// <summary>As <see cref="DisposeAsync"/>.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    private static void WriteKeys(string path, S3SpecTestHostOptions options)
    {
        var keys = new List<object> { new { accessKeyId = options.AccessKey, secretKey = options.SecretKey, volumes = new[] { "*" }, readOnly = false } };
        keys.AddRange(options.Keys.Select(k => (object)new { accessKeyId = k.AccessKey, secretKey = k.SecretKey, volumes = k.Volumes, readOnly = k.ReadOnly }));
        File.WriteAllText(path, JsonSerializer.Serialize(new { keys }));
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    private static void Remove(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A leftover temp directory does not fail a test.
        }
    }
}
