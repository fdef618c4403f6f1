using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace S3Spec.Reliability.Harness;

/// <summary>
/// One S3Spec.Server process on a free loopback port over a given data root. <see cref="Kill"/> is SIGKILL (a crash);
/// dispose kills it too, and so does the test process's exit, so a failed test leaves no server behind.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly StringBuilder output = new();
    private readonly EventHandler onExit;
    private readonly IReadOnlyList<string> extra;
    private Process process;

    private ServerProcess(string dataRoot, Creds admin, string? keysFile, IReadOnlyList<string> extra)
    {
        DataRoot = dataRoot;
        Admin = admin;
        KeysFile = keysFile;
        this.extra = extra;
        Port = FreePort();
        process = Launch();
        onExit = (_, _) => Kill();
        AppDomain.CurrentDomain.ProcessExit += onExit;
    }

    public string DataRoot { get; }

    public Creds Admin { get; }

    public string? KeysFile { get; }

    public int Port { get; private set; }

    public int Pid => process.Id;

    public bool HasExited => process.HasExited;

    public S3 Client(Creds? creds = null) => new(Port, creds ?? Admin);

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

    public static async Task<ServerProcess> StartAsync(string dataRoot, Creds admin, string? keysFile = null, params string[] extra)
    {
        var server = new ServerProcess(dataRoot, admin, keysFile, extra);
        try
        {
            await server.WaitUntilListeningAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>SIGKILL: no shutdown code runs, as in a crash or an OOM kill.</summary>
    public void Kill()
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
        }
    }

    /// <summary>Kills (if running) and starts again over the same data root, on a new port.</summary>
    public async Task RestartAsync()
    {
        Kill();
        process.Dispose();
        Port = FreePort();
        process = Launch();
        await WaitUntilListeningAsync();
    }

    /// <summary>Resident set size in KiB (VmRSS), or -1 when the process is gone.</summary>
    public long RssKiB()
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{process.Id}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    return long.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
        }

        return -1;
    }

    public ValueTask DisposeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= onExit;
        Kill();
        process.Dispose();
        return ValueTask.CompletedTask;
    }

    private Process Launch()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Repo.ServerDll());
        foreach (var a in new[] { "--urls", $"http://127.0.0.1:{Port}", "--data-root", DataRoot, "--access-key", Admin.AccessKey, "--secret-key", Admin.Secret, "--region", Admin.Region })
        {
            start.ArgumentList.Add(a);
        }

        if (KeysFile is not null)
        {
            start.ArgumentList.Add("--keys-file");
            start.ArgumentList.Add(KeysFile);
        }

        foreach (var a in extra)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var p = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        p.OutputDataReceived += (_, e) => Append(e.Data);
        p.ErrorDataReceived += (_, e) => Append(e.Data);
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        return p;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            if (output.Length > 256 * 1024)
            {
                output.Remove(0, 128 * 1024);
            }

            output.AppendLine(line);
        }
    }

    private async Task WaitUntilListeningAsync()
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
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        throw new TimeoutException($"S3Spec.Server did not listen on port {Port}:\n{Output}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
