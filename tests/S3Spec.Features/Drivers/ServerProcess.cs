using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace S3Spec.Features.Drivers;

/// <summary>
/// One S3Spec.Server process on a free loopback port. It is killed on dispose and, as a last resort, when the test
/// process exits, so a failed run leaves no server behind.
/// </summary>
internal sealed class ServerProcess : IServerInstance
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly ServerLaunch launch;
    private readonly StringBuilder output = new();
    private readonly EventHandler onExit;
    private Process process;

    private ServerProcess(ServerLaunch launch, Process process, Uri endpoint)
    {
        this.launch = launch;
        this.process = process;
        Endpoint = endpoint;
        onExit = (_, _) => Kill();
        AppDomain.CurrentDomain.ProcessExit += onExit;
    }

    public Uri Endpoint { get; private set; }

    public string DataRoot => launch.DataRoot;

    public TestCertificate? Certificate => launch.Certificate;

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    public static Task<ServerProcess> StartAsync(string dataRoot, string accessKey, string secretKey, string region, string? keysFile, CancellationToken cancellationToken) =>
        StartAsync(new ServerLaunch(dataRoot, accessKey, secretKey, region) { KeysFile = keysFile }, cancellationToken);

    public static async Task<ServerProcess> StartAsync(ServerLaunch launch, CancellationToken cancellationToken)
    {
        var port = FreePort();
        var server = new ServerProcess(launch, Launch(launch, port), EndpointOf(launch, port));
        server.Attach();
        try
        {
            await server.WaitUntilListeningAsync(port, cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops the process (killed, as a crash would) and starts it again over the same data root, on a new port.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken)
    {
        Kill();
        process.Dispose();
        Append("--- restarted ---");
        var port = FreePort();
        process = Launch(launch, port);
        Endpoint = EndpointOf(launch, port);
        Attach();
        await WaitUntilListeningAsync(port, cancellationToken);
    }

    private static Process Launch(ServerLaunch launch, int port)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(ServerDll());
        foreach (var argument in launch.Arguments(port))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_NOLOGO"] = "1";
        return Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
    }

    private static Uri EndpointOf(ServerLaunch launch, int port) => new($"{launch.Scheme}://127.0.0.1:{port}");

    private void Attach()
    {
        var current = process;
        current.OutputDataReceived += (_, e) => Append(e.Data);
        current.ErrorDataReceived += (_, e) => Append(e.Data);
        current.BeginOutputReadLine();
        current.BeginErrorReadLine();
    }

    public ValueTask DisposeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= onExit;
        Kill();
        process.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Kill()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            if (output.Length < 64 * 1024)
            {
                output.AppendLine(line);
            }
        }
    }

    private async Task WaitUntilListeningAsync(int port, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"S3Spec.Server exited with code {process.ExitCode} before listening:\n{Output}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100, cancellationToken);
            }
        }

        throw new TimeoutException($"S3Spec.Server did not listen on port {port} within {StartTimeout}:\n{Output}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The server built next to this test assembly's configuration (the ProjectReference builds it first).</summary>
    private static string ServerDll()
    {
        if (Environment.GetEnvironmentVariable("S3SPEC_SERVER_DLL") is { Length: > 0 } configured)
        {
            return configured;
        }

        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var dll = Path.Combine(RepoLocator.FindRoot(), "src", "S3Spec.Server", "bin", configuration, "net10.0", "S3Spec.Server.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build src/S3Spec.Server first: {dll} is missing.", dll);
    }
}
