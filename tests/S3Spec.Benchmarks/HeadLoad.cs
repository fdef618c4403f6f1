using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace S3Spec.Benchmarks;

/// <summary>
/// HEAD load in the shape of a wrk run, because wrk (4.1) cannot drive HEAD: it waits for the body its
/// Content-Length announces, which a HEAD answer never carries. N keep-alive sockets, each sending one prebuilt
/// request after the other and reading the header-only answer (reconnecting when the server closes, timing out after
/// 10 s as wrk's `--timeout`); fails on any non-2xx status.
/// </summary>
internal static class HeadLoad
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public static async Task<WrkResult> RunAsync(Uri url, int connections, TimeSpan duration)
    {
        var request = Encoding.ASCII.GetBytes($"HEAD {url.PathAndQuery} HTTP/1.1\r\nHost: {url.Authority}\r\n\r\n");
        var cpu0 = ProcStats.ClientCpuSeconds();
        var clock = Stopwatch.StartNew();
        var latencies = new List<double>[connections];
        var tasks = new Task<int>[connections];
        for (var c = 0; c < connections; c++)
        {
            var list = latencies[c] = new List<double>(4096);
            tasks[c] = Task.Run(() => ConnectionAsync(url, request, clock, duration, list));
        }

        var timeouts = (await Task.WhenAll(tasks)).Sum();
        var seconds = clock.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l).Order().ToList();
        return new WrkResult(all.Count / seconds, all.Count, Load.Percentile(all, 0.5), Load.Percentile(all, 0.99), ProcStats.ClientCpuSeconds() - cpu0, timeouts);
    }

    private static async Task<int> ConnectionAsync(Uri url, byte[] request, Stopwatch clock, TimeSpan duration, List<double> latencies)
    {
        var buffer = new byte[16 * 1024];
        var timeouts = 0;
        Socket? socket = null;
        try
        {
            while (clock.Elapsed < duration)
            {
                if (socket is null)
                {
                    socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                    await socket.ConnectAsync(url.Host, url.Port);
                }

                var t0 = Stopwatch.GetTimestamp();
                using var timeout = new CancellationTokenSource(Timeout);
                int filled;
                try
                {
                    await socket.SendAsync(request, SocketFlags.None, timeout.Token);
                    filled = await ReadHeaderAsync(socket, buffer, timeout.Token);
                }
                catch (Exception e) when (e is OperationCanceledException or SocketException)
                {
                    timeouts += e is OperationCanceledException ? 1 : 0;
                    filled = 0;
                }

                if (filled == 0)
                {
                    // Closed by the server before an answer (a server that closes after each answer): reconnect, as wrk does.
                    socket.Dispose();
                    socket = null;
                    continue;
                }

                var header = Encoding.ASCII.GetString(buffer, 0, filled);
                if (!header.StartsWith("HTTP/1.1 2", StringComparison.Ordinal) && !header.StartsWith("HTTP/1.0 2", StringComparison.Ordinal))
                {
                    throw new InvalidOperationException("HEAD answered " + header[..Math.Min(header.Length, 200)]);
                }

                latencies.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
                if (header.Contains("\r\nConnection: close", StringComparison.OrdinalIgnoreCase) || header.StartsWith("HTTP/1.0", StringComparison.Ordinal))
                {
                    socket.Dispose();
                    socket = null;
                }
            }
        }
        finally
        {
            socket?.Dispose();
        }

        return timeouts;
    }

    /// <summary>Reads one header-only answer; returns its length, or 0 when the connection closed first.</summary>
    private static async Task<int> ReadHeaderAsync(Socket socket, byte[] buffer, CancellationToken cancellationToken)
    {
        var filled = 0;
        while (filled < 4 || !buffer.AsSpan(0, filled).EndsWith("\r\n\r\n"u8))
        {
            var n = await socket.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, cancellationToken);
            if (n == 0)
            {
                return 0;
            }

            filled += n;
            if (filled == buffer.Length)
            {
                throw new InvalidOperationException("HEAD: the answer's header did not end within 16 KiB");
            }
        }

        return filled;
    }
}
