using System.Security.Cryptography;
using System.Text;
using S3Spec.Auth.Signing;

namespace S3Spec.Auth.Tests;

/// <summary>Builds aws-chunked bodies, signed (from a seed signature) or unsigned, with an optional trailer.</summary>
internal sealed class ChunkedBodyBuilder
{
    private readonly MemoryStream _out = new();
    private readonly byte[]? _key;
    private readonly string _prefix;
    private readonly string _trailerPrefix;
    private string _previous;

    public ChunkedBodyBuilder(string? seedSignature, DateTimeOffset time, string region = "us-east-1", string secret = TestKeys.ExampleSecret)
    {
        var iso = time.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var scope = $"{iso[..8]}/{region}/s3/aws4_request";
        _key = seedSignature is null ? null : SigV4Crypto.DeriveSigningKey(secret, iso[..8], region);
        _prefix = $"AWS4-HMAC-SHA256-PAYLOAD\n{iso}\n{scope}\n";
        _trailerPrefix = $"AWS4-HMAC-SHA256-TRAILER\n{iso}\n{scope}\n";
        _previous = seedSignature ?? "";
    }

    public ChunkedBodyBuilder Chunk(ReadOnlySpan<byte> data, string? forcedSignature = null)
    {
        var header = data.Length.ToString("x", System.Globalization.CultureInfo.InvariantCulture);
        if (_key is not null)
        {
            var sts = _prefix + _previous + "\n" + SigV4Crypto.EmptySha256Hex + "\n" + Convert.ToHexStringLower(SHA256.HashData(data));
            _previous = Encoding.ASCII.GetString(SigV4Crypto.SignHexAscii(_key, sts));
            header += ";chunk-signature=" + (forcedSignature ?? _previous);
        }

        Write(header + "\r\n");
        _out.Write(data);
        if (data.Length > 0)
        {
            Write("\r\n");
        }

        return this;
    }

    public ChunkedBodyBuilder Final() => Chunk([]);

    /// <summary>Writes trailer lines and the signature (signed mode) and the closing empty line.</summary>
    public ChunkedBodyBuilder Trailer(params (string Name, string Value)[] trailers)
    {
        var canonical = new StringBuilder();
        foreach (var (n, v) in trailers)
        {
            Write($"{n}:{v}\r\n");
            canonical.Append(n).Append(':').Append(v).Append('\n');
        }

        if (_key is not null)
        {
            var sts = _trailerPrefix + _previous + "\n" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())));
            Write("x-amz-trailer-signature:" + Encoding.ASCII.GetString(SigV4Crypto.SignHexAscii(_key, sts)) + "\r\n");
        }

        Write("\r\n");
        return this;
    }

    public ChunkedBodyBuilder Raw(string text)
    {
        Write(text);
        return this;
    }

    public byte[] ToArray() => _out.ToArray();

    private void Write(string s) => _out.Write(Encoding.ASCII.GetBytes(s));
}
