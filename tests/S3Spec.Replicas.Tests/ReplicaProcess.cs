using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace S3Spec.Replicas.Tests;

/// <summary>
/// One S3Spec.Server process (a replica) on free loopback ports: S3 on one, the management listener (/readyz) on
/// another. Killed on dispose and, as a last resort, when the test process exits.
/// </summary>
internal sealed class ReplicaProcess : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly EventHandler onExit;

    private ReplicaProcess(Process process, int port, int managementPort)
    {
        this.process = process;
        Endpoint = new Uri($"http://127.0.0.1:{port}");
        Management = new Uri($"http://127.0.0.1:{managementPort}");
        onExit = (_, _) => Kill();
        AppDomain.CurrentDomain.ProcessExit += onExit;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri Endpoint { get; }

    public Uri Management { get; }

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

    public static async Task<ReplicaProcess> StartAsync(string dataRoot, ReplicaCredentials credentials)
    {
        var port = FreePort();
        var managementPort = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])[
            RepoRoot.ServerDll(),
            "--urls", $"http://127.0.0.1:{port}",
            "--data-root", dataRoot,
            "--access-key", credentials.AccessKey,
            "--secret-key", credentials.SecretKey,
            "--region", credentials.Region,
            $"--S3Spec:ManagementUrl=http://127.0.0.1:{managementPort}",
        ])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_NOLOGO"] = "1";
        var replica = new ReplicaProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start"), port, managementPort);
        try
        {
            await replica.WaitUntilReadyAsync();
            return replica;
        }
        catch
        {
            replica.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        AppDomain.CurrentDomain.ProcessExit -= onExit;
        Kill();
        process.Dispose();
    }

    /// <summary>Polls the management port's /readyz (the Kubernetes readiness probe) until it answers 200.</summary>
    private async Task WaitUntilReadyAsync()
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(5) };
        var started = Stopwatch.StartNew();
        var last = "no answer";
        while (started.Elapsed < StartTimeout)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"S3Spec.Server exited with code {process.ExitCode} before it was ready:\n{Output}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(Management, "/readyz"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }

                last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                last = e.Message;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"S3Spec.Server was not ready at {Management}readyz within {StartTimeout} (last: {last}):\n{Output}");
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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
