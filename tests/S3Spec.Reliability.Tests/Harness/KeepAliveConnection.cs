using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace S3Spec.Reliability.Harness;

/// <summary>
/// One HTTP/1.1 connection that is reused, as clients' pools reuse theirs: requests are written byte for byte
/// (header strings as Latin-1, so a test chooses every byte), each response is read by its framing (Content-Length
/// or chunked), and the connection's end is observed rather than assumed.
/// </summary>
internal sealed class KeepAliveConnection : IAsyncDisposable
{
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(30);
    private readonly TcpClient client;
    private readonly NetworkStream stream;
    private readonly List<byte> pending = [];

    private KeepAliveConnection(TcpClient client)
    {
        this.client = client;
        stream = client.GetStream();
    }

    public static async Task<KeepAliveConnection> OpenAsync(int port)
    {
        var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync(IPAddress.Loopback, port);
        return new KeepAliveConnection(client);
    }

    /// <summary>A request head: the given headers (signed by the caller) and nothing added, no Connection: close.</summary>
    public static byte[] Head(string method, string target, IEnumerable<KeyValuePair<string, string>> headers)
    {
        var sb = new StringBuilder();
        sb.Append(method).Append(' ').Append(target).Append(" HTTP/1.1\r\n");
        foreach (var (name, value) in headers)
        {
            sb.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        return Encoding.Latin1.GetBytes(sb.Append("\r\n").ToString());
    }

    /// <summary>A signed request of <paramref name="s3"/>'s key; the body is not included (<see cref="WriteAsync"/> it).</summary>
    public static byte[] Signed(S3 s3, string method, string target, byte[]? body = null, IEnumerable<KeyValuePair<string, string>>? headers = null, string? payloadHash = null) =>
        Head(method, target, s3.Prepare(method, target, body, headers, payloadHash: payloadHash));

    public async Task WriteAsync(params byte[][] parts)
    {
        foreach (var part in parts)
        {
            await stream.WriteAsync(part);
        }
    }

    /// <summary>Reads one response (skipping interim 1xx answers unless <paramref name="interim"/> is set).</summary>
    public async Task<RawResponse> ReadAsync(string method, bool interim = false)
    {
        using var cts = new CancellationTokenSource(ReadTimeout);
        while (true)
        {
            var headEnd = await FillUntilAsync("\r\n\r\n"u8.ToArray(), cts.Token);
            var head = Take(headEnd + 4);
            var text = Encoding.Latin1.GetString(head);
            var status = int.Parse(text.Split(' ')[1], CultureInfo.InvariantCulture);
            var headers = ParseHeaders(text);
            if (status is >= 100 and < 200)
            {
                if (interim)
                {
                    return new RawResponse(status, headers, []);
                }

                continue;
            }

            byte[] body = [];
            if (method != "HEAD" && status != 204 && status != 304)
            {
                if (headers.TryGetValue("transfer-encoding", out var te) && te.Contains("chunked", StringComparison.OrdinalIgnoreCase))
                {
                    body = await ReadChunkedAsync(cts.Token);
                }
                else if (headers.TryGetValue("content-length", out var length))
                {
                    var n = int.Parse(length, CultureInfo.InvariantCulture);
                    await FillAsync(n, cts.Token);
                    body = Take(n);
                }
            }

            return new RawResponse(status, headers, body) { RawHead = head };
        }
    }

    /// <summary>True when the server has closed the connection (EOF within the timeout, nothing more sent).</summary>
    public async Task<bool> ClosedByServerAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var buffer = new byte[4096];
        try
        {
            var n = await stream.ReadAsync(buffer, cts.Token);
            if (n > 0)
            {
                pending.AddRange(buffer.AsSpan(0, n).ToArray());
                return false;
            }

            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (IOException)
        {
            return true;
        }
    }

    public ValueTask DisposeAsync()
    {
        client.Dispose();
        return ValueTask.CompletedTask;
    }

    private static Dictionary<string, string> ParseHeaders(string head)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in head.Split("\r\n").Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                var name = line[..colon].Trim();
                var value = line[(colon + 1)..].Trim();
                headers[name] = headers.TryGetValue(name, out var prior) ? prior + "," + value : value;
            }
        }

        return headers;
    }

    private async Task<byte[]> ReadChunkedAsync(CancellationToken cancellationToken)
    {
        using var body = new MemoryStream();
        while (true)
        {
            var eol = await FillUntilAsync("\r\n"u8.ToArray(), cancellationToken);
            var size = int.Parse(Encoding.ASCII.GetString(Take(eol + 2), 0, eol).Split(';')[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (size == 0)
            {
                var end = await FillUntilAsync("\r\n"u8.ToArray(), cancellationToken);
                Take(end + 2);
                return body.ToArray();
            }

            await FillAsync(size + 2, cancellationToken);
            body.Write(Take(size + 2), 0, size);
        }
    }

    private async Task<int> FillUntilAsync(byte[] marker, CancellationToken cancellationToken)
    {
        while (true)
        {
            var at = pending.ToArray().AsSpan().IndexOf(marker);
            if (at >= 0)
            {
                return at;
            }

            await ReadMoreAsync(cancellationToken);
        }
    }

    private async Task FillAsync(int count, CancellationToken cancellationToken)
    {
        while (pending.Count < count)
        {
            await ReadMoreAsync(cancellationToken);
        }
    }

    private async Task ReadMoreAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        var n = await stream.ReadAsync(buffer, cancellationToken);
        if (n == 0)
        {
            throw new IOException($"The server closed the connection ({pending.Count} bytes of a response read).");
        }

        pending.AddRange(buffer.AsSpan(0, n).ToArray());
    }

    private byte[] Take(int count)
    {
        var taken = pending.GetRange(0, count).ToArray();
        pending.RemoveRange(0, count);
        return taken;
    }
}
