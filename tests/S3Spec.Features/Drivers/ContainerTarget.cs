using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Docker.DotNet;
using Docker.DotNet.Models;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;
using DotNet.Testcontainers.Containers;
using DotNet.Testcontainers.Images;

namespace S3Spec.Features.Drivers;

/// <summary>
/// S3SPEC_TEST_TARGET=container: the server image (S3SPEC_TEST_IMAGE, default localhost/s3spec:dev) started with
/// Testcontainers over podman's Docker API (DOCKER_HOST, default unix:///tmp/s3spec-containers/podman.sock). Host
/// networking only: the server listens on 127.0.0.1:&lt;free port&gt; and the suite waits on that address. The data
/// root is a temporary host directory bind-mounted at /data and owned by the image's user (S3SPEC_TEST_IMAGE_UID,
/// default 10001), so scenarios still see the volumes on disk. No server control: one container serves the run.
/// The container is removed on dispose, also after a failed start.
/// </summary>
internal sealed partial class ContainerTarget : IS3Target
{
    public const string DefaultImage = "localhost/s3spec:dev";
    public const string Label = "s3spec.suite";
    private const string DefaultRegion = "eu-ro-1";
    private const string DefaultDockerHost = "unix:///tmp/s3spec-containers/podman.sock";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private readonly string root;
    private readonly IContainer container;
    private readonly string name;
    private readonly (uint Uid, uint Gid) owner;
    private int spaces;

    private ContainerTarget(string root, IContainer container, string name, (uint Uid, uint Gid) owner, Uri endpoint, string accessKey, string secretKey)
    {
        this.root = root;
        this.container = container;
        this.name = name;
        this.owner = owner;
        Endpoint = endpoint;
        AccessKey = accessKey;
        SecretKey = secretKey;
    }

    public static string Image => Environment.GetEnvironmentVariable("S3SPEC_TEST_IMAGE") is { Length: > 0 } image ? image : DefaultImage;

    public Uri Endpoint { get; }

    public string AccessKey { get; }

    public string SecretKey { get; }

    public string Region => DefaultRegion;

    public string Volume => "shared";

    public bool HasDataRoot => true;

    public string? DataRoot => Path.Combine(root, "data");

    public bool CanControlServer => false;

    public static async Task<IS3Target> StartAsync(CancellationToken cancellationToken)
    {
        UseLocalPodmanByDefault();
        var owner = ImageOwner();
        var root = Directory.CreateTempSubdirectory("s3spec-container-").FullName;
        var data = Directory.CreateDirectory(Path.Combine(root, "data")).FullName;
        Chown(data, owner);
        Chown(Directory.CreateDirectory(Path.Combine(data, "shared")).FullName, owner);
        var accessKey = "user_" + RandomNumberGenerator.GetHexString(20, lowercase: true);
        var secretKey = "rps_" + RandomNumberGenerator.GetHexString(32, lowercase: true);
        var port = FreePort();
        var name = $"s3spec-features-{Guid.NewGuid():N}"[..28];
        var container = Build(name, data, port, accessKey, secretKey);
        try
        {
            await container.StartAsync(cancellationToken);
            return new ContainerTarget(root, container, name, owner, new Uri($"http://127.0.0.1:{port}"), accessKey, secretKey);
        }
        catch (Exception e)
        {
            var logs = await LogsAsync(container);
            await RemoveAsync(container, name);
            DeleteRoot(root);
            throw new InvalidOperationException($"The S3Spec container ({Image}) did not start: {e.Message}\n{logs}", e);
        }
    }

    public ScenarioSpace AllocateSpace(string hint)
    {
        var volume = $"v{Interlocked.Increment(ref spaces):D4}-{hint}";
        Chown(Directory.CreateDirectory(Path.Combine(DataRoot!, volume)).FullName, owner);
        return new ScenarioSpace(volume, "");
    }

    public Task<IServerInstance> StartServerWithKeysAsync(IReadOnlyList<ServerKey> keys, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The container target runs one server; it starts no extra servers.");

    public Task<IServerInstance> StartServerAsync(ServerSettings settings, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The container target runs one server; it starts no extra servers.");

    public async ValueTask DisposeAsync()
    {
        try
        {
            await RemoveAsync(container, name);
        }
        finally
        {
            DeleteRoot(root);
        }
    }

    /// <summary>
    /// Testcontainers only stops a container when Ryuk is off (and not gracefully): stop it with SIGTERM and a grace
    /// period, remove it by its name (known even when creating it failed), then let Testcontainers release its side.
    /// </summary>
    private static async Task RemoveAsync(IContainer container, string name)
    {
        try
        {
            await ContainerEngine.StopAndRemoveAsync(name);
        }
        finally
        {
            try
            {
                await container.DisposeAsync();
            }
            catch (DockerApiException)
            {
                // Already removed above.
            }
        }
    }

    /// <summary>Testcontainers reads these once, on first use; the run script sets them, these are the defaults.</summary>
    private static void UseLocalPodmanByDefault()
    {
        SetDefault("DOCKER_HOST", DefaultDockerHost);
        SetDefault("TESTCONTAINERS_RYUK_DISABLED", "true");
        SetDefault("TESTCONTAINERS_HOST_OVERRIDE", "localhost");

        static void SetDefault(string name, string value)
        {
            if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(name)))
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }
    }

    // Kept out of StartAsync so no Testcontainers type is touched before the environment above is set.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static IContainer Build(string name, string data, int port, string accessKey, string secretKey) =>
        new ContainerBuilder(Image)
            .WithName(name)
            .WithLabel(Label, "features")
            .WithImagePullPolicy(PullPolicy.Never)
            .WithCreateParameterModifier(parameters => (parameters.HostConfig ??= new HostConfig()).NetworkMode = "host")
            .WithBindMount(data, "/data", AccessMode.ReadWrite)
            .WithCommand("--urls", $"http://127.0.0.1:{port}", "--access-key", accessKey, "--secret-key", secretKey, "--region", DefaultRegion)
            .WithWaitStrategy(Wait.ForUnixContainer().AddCustomWaitStrategy(new UntilLoopbackHttpAnswers(port), wait => wait.WithTimeout(StartTimeout)))
            .WithCleanUp(true)
            .Build();

    private static async Task<string> LogsAsync(IContainer container)
    {
        try
        {
            var (stdout, stderr) = await container.GetLogsAsync();
            return stdout + stderr;
        }
        catch (Exception e) when (e is InvalidOperationException or HttpRequestException or IOException or ArgumentException)
        {
            return "(no container logs: " + e.Message + ")";
        }
    }

    private static (uint Uid, uint Gid) ImageOwner()
    {
        var uid = uint.TryParse(Environment.GetEnvironmentVariable("S3SPEC_TEST_IMAGE_UID"), out var u) ? u : 10001;
        var gid = uint.TryParse(Environment.GetEnvironmentVariable("S3SPEC_TEST_IMAGE_GID"), out var g) ? g : uid;
        return (uid, gid);
    }

    private static void Chown(string path, (uint Uid, uint Gid) owner)
    {
        if (NativeChown(path, owner.Uid, owner.Gid) != 0)
        {
            throw new IOException($"chown {owner.Uid}:{owner.Gid} {path} failed (errno {Marshal.GetLastPInvokeError()}); the container target needs root.");
        }
    }

    [LibraryImport("libc", EntryPoint = "chown", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int NativeChown(string path, uint owner, uint group);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void DeleteRoot(string root)
    {
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left for the OS to clean (a FIFO or a file still open).
        }
    }
}
