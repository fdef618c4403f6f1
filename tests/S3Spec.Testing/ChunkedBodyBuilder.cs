using System.Globalization;
using System.Text;

namespace S3Spec.Testing;

/// <summary>
/// Builds aws-chunked bodies: signed (each chunk's signature chained from the seed signature of the request) or
/// unsigned, with an optional trailer (signed with x-amz-trailer-signature in signed mode).
/// </summary>
public sealed class ChunkedBodyBuilder
{
    private readonly MemoryStream output = new();
    private readonly byte[]? key;
    private readonly string chunkPrefix = "";
    private readonly string trailerPrefix = "";
    private string previous;

    /// <param name="seedSignature">The request's signature; null builds an unsigned body.</param>
    public ChunkedBodyBuilder(string? seedSignature, DateTimeOffset time, SigningCredentials? credentials)
    {
        previous = seedSignature ?? "";
        if (seedSignature is not null)
        {
            ArgumentNullException.ThrowIfNull(credentials);
            var amzDate = TestSigner.AmzDate(time);
            var scope = TestSigner.Scope(amzDate, credentials.Region);
            key = TestSigner.SigningKey(credentials, amzDate[..8]);
            chunkPrefix = $"AWS4-HMAC-SHA256-PAYLOAD\n{amzDate}\n{scope}\n";
            trailerPrefix = $"AWS4-HMAC-SHA256-TRAILER\n{amzDate}\n{scope}\n";
        }
    }

    public static ChunkedBodyBuilder Unsigned() => new(null, default, null);

    /// <summary>
    /// A complete signed body (STREAMING-AWS4-HMAC-SHA256-PAYLOAD): <paramref name="data"/> in chunks of
    /// <paramref name="chunkSize"/>, the final chunk and the closing CRLF.
    /// </summary>
    /// <param name="corruptChunk">0-based index of a chunk (the final one included) whose signature is written wrong; -1 for none.</param>
    public static byte[] Signed(byte[] data, int chunkSize, string seedSignature, SigningCredentials credentials, DateTimeOffset time, int corruptChunk = -1)
    {
        ArgumentNullException.ThrowIfNull(data);
        var builder = new ChunkedBodyBuilder(seedSignature, time, credentials);
        var index = 0;
        for (var offset = 0; offset < data.Length; offset += chunkSize, index++)
        {
            builder.Chunk(data.AsSpan(offset, Math.Min(chunkSize, data.Length - offset)), index == corruptChunk ? Wrong : null);
        }

        return builder.Chunk([], index == corruptChunk ? Wrong : null).Raw("\r\n").ToArray();
    }

    /// <summary>An unsigned body (STREAMING-UNSIGNED-PAYLOAD-TRAILER): the data in one chunk, the final chunk, one trailer.</summary>
    public static byte[] UnsignedWithTrailer(byte[] data, string trailerName, string trailerValue)
    {
        ArgumentNullException.ThrowIfNull(data);
        var builder = Unsigned();
        if (data.Length > 0)
        {
            builder.Chunk(data);
        }

        return builder.Final().Trailer((trailerName, trailerValue)).ToArray();
    }

    private static string Wrong => new('0', 64);

    /// <summary>One chunk: size[;chunk-signature=...] CRLF data (CRLF after non-empty data).</summary>
    public ChunkedBodyBuilder Chunk(ReadOnlySpan<byte> data, string? forcedSignature = null)
    {
        var header = data.Length.ToString("x", CultureInfo.InvariantCulture);
        if (key is not null)
        {
            var stringToSign = chunkPrefix + previous + "\n" + TestSigner.EmptySha256 + "\n" + TestSigner.Sha256Hex(data);
            previous = Convert.ToHexStringLower(TestSigner.Hmac(key, stringToSign));
            header += ";chunk-signature=" + (forcedSignature ?? previous);
        }

        Write(header + "\r\n");
        output.Write(data);
        if (data.Length > 0)
        {
            Write("\r\n");
        }

        return this;
    }

    /// <summary>The final (empty) chunk; follow it with <see cref="Trailer"/> or Raw("\r\n").</summary>
    public ChunkedBodyBuilder Final() => Chunk([]);

    /// <summary>Writes the trailer lines, the trailer signature (signed mode) and the closing empty line.</summary>
    public ChunkedBodyBuilder Trailer(params (string Name, string Value)[] trailers)
    {
        ArgumentNullException.ThrowIfNull(trailers);
        var canonical = new StringBuilder();
        foreach (var (name, value) in trailers)
        {
            Write($"{name}:{value}\r\n");
            canonical.Append(name).Append(':').Append(value).Append('\n');
        }

        if (key is not null)
        {
            var stringToSign = trailerPrefix + previous + "\n" + TestSigner.Sha256Hex(Encoding.UTF8.GetBytes(canonical.ToString()));
            Write("x-amz-trailer-signature:" + Convert.ToHexStringLower(TestSigner.Hmac(key, stringToSign)) + "\r\n");
        }

        Write("\r\n");
        return this;
    }

    /// <summary>Appends text as is (e.g. a malformed tail).</summary>
    public ChunkedBodyBuilder Raw(string text)
    {
        Write(text);
        return this;
    }

    public byte[] ToArray() => output.ToArray();

    private void Write(string text) => output.Write(Encoding.ASCII.GetBytes(text));
}
