using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace S3Spec.Differential.Execution;

/// <summary>One HTTP/1.1 response as read from a socket: header values are the bytes received, one char per byte.</summary>
internal sealed record RawAnswer(int Status, List<KeyValuePair<string, string>> Headers, byte[] Body, bool Closed)
{
    public string? Header(string name) =>
        Headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).FirstOrDefault();
}

/// <summary>
/// A keep-alive HTTP/1.1 connection to 127.0.0.1 that writes exactly the bytes it is given (no normalisation of the
/// target, header names or values) and reads answers by their framing (Content-Length, chunked, or to the close).
/// After an answer that closes the connection the next request opens a new one.
/// </summary>
internal sealed class RawConnection(int port, TimeSpan timeout) : IDisposable
{
    private TcpClient? client;
    private NetworkStream? stream;
    private readonly byte[] buffer = new byte[64 * 1024];
    private byte[] pending = [];
    private int bufferStart;
    private int bufferEnd;

    public int Connects { get; private set; }

    public bool IsOpen => client is { Connected: true };

    /// <summary>Sends one request (head and body as given) and reads its answer.</summary>
    public async Task<RawAnswer> SendAsync(byte[] request, string method, CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        var reused = stream is not null;
        try
        {
            await WriteAsync(request, cts.Token);
            return await ReadAnswerAsync(method, cts.Token);
        }
        catch (IOException) when (reused)
        {
            // The server closed an idle kept-alive connection: once more on a fresh one.
            Close();
            await WriteAsync(request, cts.Token);
            return await ReadAnswerAsync(method, cts.Token);
        }
    }

    public async Task WriteAsync(byte[] bytes, CancellationToken cancellationToken)
    {
        if (stream is null)
        {
            client = new TcpClient { NoDelay = true };
            await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
            stream = client.GetStream();
            pending = [];
            Connects++;
        }

        await stream.WriteAsync(bytes, cancellationToken);
    }

    /// <summary>Reads one answer (skipping 1xx unless <paramref name="stopAtInterim"/>); closes the connection when the answer says so or the server did.</summary>
    public async Task<RawAnswer> ReadAnswerAsync(string method, CancellationToken cancellationToken, bool stopAtInterim = false)
    {
        while (true)
        {
            var head = await ReadHeadAsync(cancellationToken);
            var lines = Encoding.Latin1.GetString(head).Split("\r\n");
            var status = int.Parse(lines[0].Split(' ')[1], CultureInfo.InvariantCulture);
            var headers = new List<KeyValuePair<string, string>>();
            foreach (var line in lines.Skip(1))
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0)
                {
                    headers.Add(new(line[..colon].Trim(), line[(colon + 1)..].Trim(' ', '\t')));
                }
            }

            var answer = new RawAnswer(status, headers, [], false);
            if (status is >= 100 and < 200)
            {
                if (stopAtInterim)
                {
                    return answer;
                }

                continue;
            }

            byte[] body;
            var closedByServer = false;
            if (method == "HEAD" || status is 204 or 304)
            {
                body = [];
            }
            else if (answer.Header("transfer-encoding") is { } te && te.Contains("chunked", StringComparison.OrdinalIgnoreCase))
            {
                body = await ReadChunkedAsync(cancellationToken);
            }
            else if (answer.Header("content-length") is { } cl)
            {
                body = await ReadExactAsync(int.Parse(cl, CultureInfo.InvariantCulture), cancellationToken);
            }
            else
            {
                body = await ReadToEndAsync(cancellationToken);
                closedByServer = true;
            }

            var close = closedByServer || (answer.Header("connection") is { } c && c.Contains("close", StringComparison.OrdinalIgnoreCase));
            if (close)
            {
                Close();
            }

            return answer with { Body = body, Closed = close };
        }
    }

    /// <summary>True when the server has closed the connection (EOF) within <paramref name="wait"/>.</summary>
    public async Task<bool> ServerClosedAsync(TimeSpan wait)
    {
        if (stream is null)
        {
            return true;
        }

        using var cts = new CancellationTokenSource(wait);
        try
        {
            var one = new byte[1];
            var n = pending.Length > 0 ? 1 : await stream.ReadAsync(one, cts.Token);
            if (n == 0)
            {
                Close();
                return true;
            }

            pending = [.. pending, .. one];
            return false;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (IOException)
        {
            Close();
            return true;
        }
    }

    public void Close()
    {
        stream?.Dispose();
        client?.Dispose();
        stream = null;
        client = null;
        pending = [];
        bufferStart = 0;
        bufferEnd = 0;
    }

    public void Dispose() => Close();

    private async Task<byte[]> ReadHeadAsync(CancellationToken cancellationToken)
    {
        using var head = new MemoryStream();
        while (true)
        {
            var b = await ReadByteAsync(cancellationToken);
            if (b < 0)
            {
                Close();
                throw new IOException(head.Length == 0 ? "connection closed before an answer" : "connection closed inside an answer's head");
            }

            head.WriteByte((byte)b);
            var length = head.Length;
            if (length >= 4 && head.GetBuffer()[length - 4] == '\r' && head.GetBuffer()[length - 3] == '\n' && head.GetBuffer()[length - 2] == '\r' && head.GetBuffer()[length - 1] == '\n')
            {
                return head.ToArray()[..^4];
            }
        }
    }

    private async Task<byte[]> ReadChunkedAsync(CancellationToken cancellationToken)
    {
        using var body = new MemoryStream();
        while (true)
        {
            var line = await ReadLineAsync(cancellationToken);
            var size = int.Parse(line.Split(';')[0].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (size == 0)
            {
                while ((await ReadLineAsync(cancellationToken)).Length > 0)
                {
                    // trailers
                }

                return body.ToArray();
            }

            body.Write(await ReadExactAsync(size, cancellationToken));
            await ReadLineAsync(cancellationToken);
        }
    }

    private async Task<string> ReadLineAsync(CancellationToken cancellationToken)
    {
        var sb = new StringBuilder();
        while (true)
        {
            var b = await ReadByteAsync(cancellationToken);
            if (b < 0)
            {
                throw new IOException("connection closed inside a chunked body");
            }

            if (b == '\n')
            {
                return sb.ToString().TrimEnd('\r');
            }

            sb.Append((char)b);
        }
    }

    private async Task<byte[]> ReadExactAsync(int count, CancellationToken cancellationToken)
    {
        var buffer = new byte[count];
        for (var i = 0; i < count; i++)
        {
            var b = await ReadByteAsync(cancellationToken);
            if (b < 0)
            {
                throw new IOException($"connection closed after {i} of {count} body bytes");
            }

            buffer[i] = (byte)b;
        }

        return buffer;
    }

    private async Task<byte[]> ReadToEndAsync(CancellationToken cancellationToken)
    {
        using var body = new MemoryStream();
        int b;
        while ((b = await ReadByteAsync(cancellationToken)) >= 0)
        {
            body.WriteByte((byte)b);
        }

        return body.ToArray();
    }

    private async ValueTask<int> ReadByteAsync(CancellationToken cancellationToken)
    {
        if (pending.Length > 0)
        {
            var first = pending[0];
            pending = pending[1..];
            return first;
        }

        if (bufferStart < bufferEnd)
        {
            return buffer[bufferStart++];
        }

        if (stream is null)
        {
            return -1;
        }

        bufferEnd = await stream.ReadAsync(buffer, cancellationToken);
        bufferStart = 0;
        return bufferEnd == 0 ? -1 : buffer[bufferStart++];
    }
}
