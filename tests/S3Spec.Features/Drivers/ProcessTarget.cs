using System.Security.Cryptography;
using System.Text.Json;
using S3Spec.Testing;

namespace S3Spec.Features.Drivers;

/// <summary>
/// The default target: S3Spec.Server started by the suite over a fresh temporary data root. One server serves the
/// whole run; each scenario gets its own volume directory. Extra servers (keys files) share the data root.
/// </summary>
internal sealed class ProcessTarget : IS3Target
{
    private const string DefaultRegion = "eu-ro-1";
    private readonly string root;
    private readonly LaunchedServer server;
    private int spaces;

    private ProcessTarget(string root, LaunchedServer server, string accessKey, string secretKey)
    {
        this.root = root;
        this.server = server;
        AccessKey = accessKey;
        SecretKey = secretKey;
    }

    public Uri Endpoint => server.Endpoint;

    public IServerInstance? OwnServer => server;

    public string AccessKey { get; }

    public string SecretKey { get; }

    public string Region => DefaultRegion;

    public string Volume => "shared";

    public bool HasDataRoot => true;

    public string? DataRoot => Path.Combine(root, "data");

    public bool CanControlServer => true;

    public static async Task<IS3Target> StartAsync(CancellationToken cancellationToken)
    {
        var root = Directory.CreateTempSubdirectory("s3spec-features-").FullName;
        var data = Directory.CreateDirectory(Path.Combine(root, "data")).FullName;
        Directory.CreateDirectory(Path.Combine(data, "shared"));
        var accessKey = "user_" + RandomNumberGenerator.GetHexString(20, lowercase: true);
        var secretKey = "rps_" + RandomNumberGenerator.GetHexString(32, lowercase: true);
        try
        {
            var server = await LaunchedServer.StartAsync(new ServerOptions(data, accessKey, secretKey, DefaultRegion), null, cancellationToken);
            return new ProcessTarget(root, server, accessKey, secretKey);
        }
        catch
        {
            Directory.Delete(root, recursive: true);
            throw;
        }
    }

    public ScenarioSpace AllocateSpace(string hint)
    {
        var volume = $"v{Interlocked.Increment(ref spaces):D4}-{hint}";
        Directory.CreateDirectory(Path.Combine(DataRoot!, volume));
        return new ScenarioSpace(volume, "");
    }

    public Task<IServerInstance> StartServerWithKeysAsync(IReadOnlyList<ServerKey> keys, CancellationToken cancellationToken) =>
        StartServerAsync(new ServerSettings { Keys = keys }, cancellationToken);

    public async Task<IServerInstance> StartServerAsync(ServerSettings settings, CancellationToken cancellationToken)
    {
        string? keysFile = null;
        if (settings.Keys is { } keys)
        {
            keysFile = Path.Combine(root, $"keys-{Guid.NewGuid():N}.json");
            var document = new
            {
                keys = keys.Select(k => new { accessKeyId = k.AccessKey, secretKey = k.SecretKey, volumes = k.Volumes, readOnly = k.ReadOnly, disabled = k.Disabled }),
            };
            await File.WriteAllTextAsync(keysFile, JsonSerializer.Serialize(document), cancellationToken);
        }

        var options = new ServerOptions(settings.DataRoot ?? DataRoot!, AccessKey, SecretKey, Region)
        {
            KeysFile = keysFile,
            Settings = settings.Settings,
        };
        return await LaunchedServer.StartAsync(options, settings.Certificate, cancellationToken);
    }

    /// <summary>A scratch directory inside the run's temporary root (certificates, tmpfs mounts, client configs).</summary>
    public string Scratch(string name) => Directory.CreateDirectory(Path.Combine(root, name)).FullName;

    public async ValueTask DisposeAsync()
    {
        await server.DisposeAsync();
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
            // A FIFO or a file still held open; the temp directory is left for the OS to clean.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
