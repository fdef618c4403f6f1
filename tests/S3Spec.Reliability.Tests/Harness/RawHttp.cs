using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace S3Spec.Reliability.Harness;

/// <summary>One HTTP response as read from the socket.</summary>
internal sealed record RawResponse(int Status, Dictionary<string, string> Headers, byte[] Body)
{
    public string Text => Encoding.UTF8.GetString(Body);

    /// <summary>The status line and headers as received (set by <see cref="KeepAliveConnection"/>).</summary>
    public byte[] RawHead { get; init; } = [];

    public string? Header(string name) => Headers.TryGetValue(name, out var v) ? v : null;

    public string? ErrorCode
    {
        get
        {
            var t = Text;
            var a = t.IndexOf("<Code>", StringComparison.Ordinal);
            var b = t.IndexOf("</Code>", StringComparison.Ordinal);
            return a >= 0 && b > a ? t[(a + 6)..b] : null;
        }
    }

    public override string ToString() => $"{Status} {ErrorCode}";
}

/// <summary>
/// A minimal HTTP/1.1 client over a TcpClient: the request target goes to the server byte for byte (HttpClient
/// would normalise dot segments), one request per connection (Connection: close), response read to EOF.
/// </summary>
internal static class RawHttp
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    public static async Task<RawResponse> SendAsync(
        int port,
        string method,
        string target,
        IEnumerable<KeyValuePair<string, string>> headers,
        byte[]? body,
        TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? DefaultTimeout);
        using var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync(IPAddress.Loopback, port, cts.Token);
        var stream = client.GetStream();
        await stream.WriteAsync(Head(method, target, headers, body?.Length), cts.Token);
        if (body is { Length: > 0 })
        {
            await stream.WriteAsync(body, cts.Token);
        }

        return await ReadResponseAsync(stream, method, cts.Token);
    }

    public static byte[] Head(string method, string target, IEnumerable<KeyValuePair<string, string>> headers, long? contentLength)
    {
        var sb = new StringBuilder();
        sb.Append(method).Append(' ').Append(target).Append(" HTTP/1.1\r\n");
        var hasLength = false;
        foreach (var (name, value) in headers)
        {
            hasLength |= string.Equals(name, "content-length", StringComparison.OrdinalIgnoreCase);
            sb.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        if (!hasLength && contentLength is { } n && (n > 0 || method is "PUT" or "POST"))
        {
            sb.Append("Content-Length: ").Append(n.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
        }

        sb.Append("Connection: close\r\n\r\n");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    public static async Task<RawResponse> ReadResponseAsync(Stream stream, string method, CancellationToken cancellationToken)
    {
        using var all = new MemoryStream();
        var buffer = new byte[64 * 1024];
        int n;
        while ((n = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            all.Write(buffer, 0, n);
        }

        return Parse(all.ToArray(), method);
    }

    public static RawResponse Parse(byte[] raw, string method)
    {
        var end = raw.AsSpan().IndexOf("\r\n\r\n"u8);
        if (end < 0)
        {
            throw new IOException($"Incomplete response ({raw.Length} bytes)");
        }

        var head = Encoding.ASCII.GetString(raw, 0, end).Split("\r\n");
        var status = int.Parse(head[0].Split(' ')[1], CultureInfo.InvariantCulture);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in head.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                var name = line[..colon].Trim();
                var value = line[(colon + 1)..].Trim();
                headers[name] = headers.TryGetValue(name, out var prior) ? prior + "," + value : value;
            }
        }

        var body = raw.AsSpan(end + 4).ToArray();
        if (method == "HEAD")
        {
            body = [];
        }
        else if (headers.TryGetValue("transfer-encoding", out var te) && te.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            body = Dechunk(body);
        }

        return new RawResponse(status, headers, body);
    }

    private static byte[] Dechunk(byte[] body)
    {
        using var output = new MemoryStream();
        var i = 0;
        while (i < body.Length)
        {
            var eol = body.AsSpan(i).IndexOf("\r\n"u8);
            if (eol < 0)
            {
                break;
            }

            var sizeText = Encoding.ASCII.GetString(body, i, eol).Split(';')[0];
            var size = int.Parse(sizeText, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            i += eol + 2;
            if (size == 0)
            {
                break;
            }

            output.Write(body, i, Math.Min(size, body.Length - i));
            i += size + 2;
        }

        return output.ToArray();
    }
}
