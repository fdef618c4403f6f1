using System.Diagnostics;
using System.Globalization;
using System.Text;
using S3Spec.Testing;

namespace S3Spec.Replicas.Tests;

/// <summary>
/// HAProxy in front of the replicas on a free loopback port: round robin per request (no stickiness, a new backend
/// connection for every request), X-Forwarded-For added. Started and killed by PID by the cluster.
/// </summary>
internal sealed class Balancer : IDisposable
{
    private readonly Process process;
    private readonly string folder;

    private Balancer(Process process, string folder, Uri endpoint)
    {
        this.process = process;
        this.folder = folder;
        Endpoint = endpoint;
    }

    public Uri Endpoint { get; }

    public static async Task<Balancer> StartAsync(string haproxy, IReadOnlyList<Uri> backends)
    {
        var folder = Path.Combine(Path.GetTempPath(), "s3spec-balancer-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var port = LoopbackPort.Free();
        var config = new StringBuilder();
        config.AppendLine("global");
        config.AppendLine("  maxconn 512");
        config.AppendLine("defaults");
        config.AppendLine("  mode http");
        config.AppendLine("  timeout connect 5s");
        config.AppendLine("  timeout client 300s");
        config.AppendLine("  timeout server 300s");
        config.AppendLine("  option forwardfor");
        config.AppendLine("  option http-server-close");
        config.AppendLine("  http-reuse never");

        // An early answer (412, 404 before the body) leaves a client that sent Expect: 100-continue without a body
        // to send: haproxy must not wait for it on the client's kept-alive connection (docs/replicas.md).
        config.AppendLine("  option http-buffer-request");
        config.AppendLine("frontend s3");
        config.AppendLine(CultureInfo.InvariantCulture, $"  bind 127.0.0.1:{port}");
        config.AppendLine("  default_backend replicas");
        config.AppendLine("backend replicas");
        config.AppendLine("  balance roundrobin");
        for (var i = 0; i < backends.Count; i++)
        {
            config.AppendLine(CultureInfo.InvariantCulture, $"  server r{i} {backends[i].Host}:{backends[i].Port}");
        }

        var file = Path.Combine(folder, "haproxy.cfg");
        await File.WriteAllTextAsync(file, config.ToString());
        var start = new ProcessStartInfo(haproxy) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add("-db");
        start.ArgumentList.Add("-f");
        start.ArgumentList.Add(file);
        var process = Process.Start(start) ?? throw new InvalidOperationException("haproxy did not start");
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var balancer = new Balancer(process, folder, new Uri($"http://127.0.0.1:{port}"));
        try
        {
            await balancer.UntilListeningAsync(port, file);
            return balancer;
        }
        catch
        {
            balancer.Dispose();
            throw;
        }
    }

    private async Task UntilListeningAsync(int port, string file)
    {
        for (var i = 0; i < 200; i++)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"haproxy exited with {process.ExitCode} (configuration: {file})");
            }

            try
            {
                using var probe = new System.Net.Sockets.TcpClient();
                await probe.ConnectAsync(System.Net.IPAddress.Loopback, port);
                return;
            }
            catch (System.Net.Sockets.SocketException)
            {
                await Task.Delay(100);
            }
        }

        throw new TimeoutException($"haproxy did not listen on {port} within 20 s (configuration: {file})");
    }

    public void Dispose()
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

        process.Dispose();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
