using System.Diagnostics;

namespace S3Spec.Testing;

/// <summary>
/// One S3Spec.Server process (`dotnet S3Spec.Server.dll`) on free loopback ports over <see cref="ServerOptions.DataRoot"/>.
/// <see cref="Kill"/> is SIGKILL of the whole process tree (a crash); <see cref="StopAsync"/> can stop it gracefully
/// (SIGTERM). Dispose kills it, and so does the test process's exit, so a failed run leaves no server behind.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable, IDisposable
{
    private static readonly TimeSpan KillWait = TimeSpan.FromSeconds(10);
    private readonly ProcessOutput output;
    private readonly EventHandler onExit;
    private Process? process;

    private ServerProcess(ServerOptions options)
    {
        Options = options;
        output = new ProcessOutput(options.OutputLimit, options.KeepOutputTail);
        Endpoint = new Uri($"{options.Scheme}://127.0.0.1:0");
        onExit = (_, _) => Kill();
        AppDomain.CurrentDomain.ProcessExit += onExit;
    }

    public ServerOptions Options { get; }

    /// <summary>Where the S3 listener is now (every start picks a new port).</summary>
    public Uri Endpoint { get; private set; }

    public int Port => Endpoint.Port;

    /// <summary>The management listener (/healthz, /readyz, /metrics), or null without <see cref="ServerOptions.ManagementPort"/>.</summary>
    public Uri? ManagementEndpoint { get; private set; }

    public int Pid => Current.Id;

    public bool HasExited => Current.HasExited;

    /// <summary>The exit code once the process has exited, else null.</summary>
    public int? ExitCode => Current.HasExited ? Current.ExitCode : null;

    /// <summary>What the process (and earlier runs of it) wrote to stdout/stderr, for failure messages.</summary>
    public string Output => output.ToString();

    /// <summary>How many requests this server (and earlier runs of it) answered InternalError: each one is a defect.</summary>
    public int InternalErrors => output.InternalErrors;

    /// <summary>The first of those, each with the exception the server logged.</summary>
    public string InternalErrorReports => output.InternalErrorReports;

    private Process Current => process ?? throw new InvalidOperationException("The server has not been started.");

    /// <summary>Starts the server and waits until it is ready; on failure it is killed and the exception carries its output.</summary>
    public static async Task<ServerProcess> StartAsync(ServerOptions options, CancellationToken cancellationToken = default)
    {
        var server = new ServerProcess(options);
        try
        {
            server.Launch();
            await server.WaitReadyAsync(cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>SIGKILL of the process tree: no shutdown code runs, as in a crash or an OOM kill.</summary>
    public void Kill()
    {
        try
        {
            if (process is { HasExited: false })
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(KillWait);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    /// <summary>
    /// Stops the process: graceful sends SIGTERM and waits up to <paramref name="timeout"/> (default 30 s) before killing;
    /// otherwise <see cref="Kill"/>.
    /// </summary>
    public async Task StopAsync(bool graceful = true, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        if (!graceful || process is null || process.HasExited || !Signals.Terminate(process.Id))
        {
            Kill();
            return;
        }

        try
        {
            await process.WaitForExitAsync(cancellationToken).WaitAsync(timeout ?? TimeSpan.FromSeconds(30), cancellationToken);
        }
        catch (TimeoutException)
        {
            Kill();
        }
    }

    /// <summary>
    /// Stops the process (killed, as a crash would, unless <paramref name="graceful"/>) and starts it again with the same
    /// options over the same data root, on new ports.
    /// </summary>
    public async Task RestartAsync(bool graceful = false, CancellationToken cancellationToken = default)
    {
        await StopAsync(graceful, cancellationToken: cancellationToken);
        process?.Dispose();
        process = null;
        output.Append("--- restarted ---");
        Launch();
        await WaitReadyAsync(cancellationToken);
    }

    /// <summary>
    /// Waits until the server is ready: with a management port until /readyz answers 200, else until the S3 port accepts
    /// a connection. Throws when the process exits first or <see cref="ServerOptions.StartTimeout"/> passes.
    /// </summary>
    public Task WaitReadyAsync(CancellationToken cancellationToken = default)
    {
        var current = Current;
        return ManagementEndpoint is { } management
            ? Readiness.UntilReadyzAsync(current, management, Options.StartTimeout, () => Output, cancellationToken)
            : Readiness.UntilListeningAsync(current, Port, Options.StartTimeout, () => Output, cancellationToken);
    }

    public void Dispose()
    {
        AppDomain.CurrentDomain.ProcessExit -= onExit;
        Kill();
        process?.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private void Launch()
    {
        var port = LoopbackPort.Free();
        int? managementPort = Options.ManagementPort ? LoopbackPort.Free() : null;
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Options.ServerDll ?? RepoPaths.ServerDll());
        foreach (var argument in Options.CommandLine(port, managementPort))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        foreach (var (name, value) in Options.Environment)
        {
            start.Environment[name] = value;
        }

        var started = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        started.OutputDataReceived += (_, e) => output.Append(e.Data);
        started.ErrorDataReceived += (_, e) => output.Append(e.Data);
        started.BeginOutputReadLine();
        started.BeginErrorReadLine();
        process = started;
        Endpoint = new Uri($"{Options.Scheme}://127.0.0.1:{port}");
        ManagementEndpoint = managementPort is { } m ? new Uri($"http://127.0.0.1:{m}") : null;
    }
}
