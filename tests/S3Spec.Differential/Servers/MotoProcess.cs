using System.Diagnostics;
using System.Net.Sockets;

namespace S3Spec.Differential.Servers;

/// <summary>
/// moto_server (`python3 -m moto.server -H 127.0.0.1 -p PORT`) on a free loopback port, killed by its PID on dispose
/// and at process exit. The minimum part size is lowered to <see cref="MinPartSize"/> bytes (moto's
/// S3_UPLOAD_PART_MIN_SIZE), so that multipart uploads of small parts complete on both servers and only parts below it
/// meet the declared "no minimum part size" divergence.
/// </summary>
internal sealed class MotoProcess : IDisposable
{
    public const int MinPartSize = 100;

    private readonly Process process;
    private readonly EventHandler onExit;

    private MotoProcess(Process process, int port)
    {
        this.process = process;
        Endpoint = new Uri($"http://127.0.0.1:{port}");
        onExit = (_, _) => Dispose();
        AppDomain.CurrentDomain.ProcessExit += onExit;
    }

    public Uri Endpoint { get; }

    public int Pid => process.Id;

    /// <summary>The python3 to use: S3SPEC_PYTHON, else python3 on PATH (the pyenv one where present).</summary>
    public static string Python => Environment.GetEnvironmentVariable("S3SPEC_PYTHON") is { Length: > 0 } p ? p : "python3";

    /// <summary>Fails with a clear message when moto or boto3 cannot be imported: the harness never passes without its oracle.</summary>
    public static async Task EnsureInstalledAsync()
    {
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("import moto, boto3, werkzeug; print(moto.__version__, boto3.__version__)");
        Process? check;
        try
        {
            check = Process.Start(start);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"The differential harness needs {Python} with moto (server extras) and boto3: {e.Message}", e);
        }

        using var _ = check;
        var output = await check!.StandardOutput.ReadToEndAsync();
        var error = await check.StandardError.ReadToEndAsync();
        await check.WaitForExitAsync();
        if (check.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"The differential harness needs moto_server and boto3 in {Python} (python3 -m pip install 'moto[server]' boto3); the import failed:\n{error}");
        }

        Versions = output.Trim();
    }

    public static string Versions { get; private set; } = "";

    public static async Task<MotoProcess> StartAsync()
    {
        await EnsureInstalledAsync();
        var port = LoopbackPort.Free();
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-m", "moto.server", "-H", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["S3_UPLOAD_PART_MIN_SIZE"] = MinPartSize.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["MOTO_S3_DEFAULT_KEY_BUFFER_SIZE"] = (8 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        var output = new System.Text.StringBuilder();
        var process = Process.Start(start) ?? throw new InvalidOperationException("moto_server did not start");
        process.OutputDataReceived += (_, e) => { lock (output) { if (output.Length < 16384) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { lock (output) { if (output.Length < 16384) { output.AppendLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var moto = new MotoProcess(process, port);
        var started = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
            {
                moto.Dispose();
                throw new InvalidOperationException($"moto_server exited with {process.ExitCode}:\n{output}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(System.Net.IPAddress.Loopback, port);
                return moto;
            }
            catch (SocketException) when (started.Elapsed < TimeSpan.FromSeconds(60))
            {
                await Task.Delay(100);
            }
            catch (SocketException)
            {
                moto.Dispose();
                throw new TimeoutException($"moto_server did not listen on {port} within 60 s:\n{output}");
            }
        }
    }

    public void Dispose()
    {
        AppDomain.CurrentDomain.ProcessExit -= onExit;
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10000);
            }
        }
        catch (InvalidOperationException)
        {
            // gone
        }

        process.Dispose();
    }
}
