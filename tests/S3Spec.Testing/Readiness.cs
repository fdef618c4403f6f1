using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace S3Spec.Testing;

/// <summary>The two ways a started server is awaited: its S3 port accepts connections, or its /readyz answers 200.</summary>
internal static class Readiness
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    public static async Task UntilListeningAsync(Process process, int port, TimeSpan timeout, Func<string> output, CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        while (started.Elapsed < timeout)
        {
            ThrowIfExited(process, output);
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(Poll, cancellationToken);
            }
        }

        throw new TimeoutException($"S3Spec.Server did not listen on port {port} within {timeout}:\n{output()}");
    }

    public static async Task UntilReadyzAsync(Process process, Uri management, TimeSpan timeout, Func<string> output, CancellationToken cancellationToken)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(5) };
        var readyz = new Uri(management, "/readyz");
        var started = Stopwatch.StartNew();
        var last = "no answer";
        while (started.Elapsed < timeout)
        {
            ThrowIfExited(process, output);
            try
            {
                using var response = await http.GetAsync(readyz, cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }

                last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}";
            }
            catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                last = e.Message;
            }

            await Task.Delay(Poll, cancellationToken);
        }

        throw new TimeoutException($"S3Spec.Server was not ready at {readyz} within {timeout} (last: {last}):\n{output()}");
    }

    private static void ThrowIfExited(Process process, Func<string> output)
    {
        if (process.HasExited)
        {
            throw new InvalidOperationException($"S3Spec.Server exited with code {process.ExitCode} before it was ready:\n{output()}");
        }
    }
}
