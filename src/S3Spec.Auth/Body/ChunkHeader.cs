using System.Buffers;
using System.Text;
using S3Spec.Core.Errors;

namespace S3Spec.Auth.Body;

/// <summary>Parses one aws-chunked chunk header line: "hex-size[;chunk-signature=64hex]\r".</summary>
internal static class ChunkHeader
{
    private const string SignatureExtension = ";chunk-signature=";

    /// <param name="line">The line without its '\n' (it must end with '\r').</param>
    /// <param name="signed">Whether a chunk signature is required.</param>
    /// <param name="signature">The chunk signature (signed mode), else null.</param>
    /// <returns>The chunk size.</returns>
    public static long Parse(in ReadOnlySequence<byte> line, bool signed, out string? signature)
    {
        Span<byte> text = stackalloc byte[(int)line.Length];
        line.CopyTo(text);
        if (text.Length < 2 || text[^1] != '\r')
        {
            throw Malformed("a chunk header line must end with CRLF");
        }

        text = text[..^1];
        long size = 0;
        var i = 0;
        for (; i < text.Length && IsHex(text[i]); i++)
        {
            if (i >= 15)
            {
                throw Malformed("the chunk size is too large");
            }

            size = (size << 4) | (long)HexValue(text[i]);
        }

        if (i == 0)
        {
            throw Malformed("a chunk header must start with the hexadecimal chunk size");
        }

        var rest = text[i..];
        signature = null;
        if (signed)
        {
            if (rest.Length != SignatureExtension.Length + 64 || !rest.StartsWith(Encoding.ASCII.GetBytes(SignatureExtension)))
            {
                throw Malformed("a signed chunk header must be 'hex-size;chunk-signature=<64 hex digits>'");
            }

            var hex = rest[SignatureExtension.Length..];
            foreach (var b in hex)
            {
                if (!IsHex(b))
                {
                    throw Malformed("the chunk signature must be 64 hexadecimal digits");
                }
            }

            signature = Encoding.ASCII.GetString(hex);
        }
        else if (!rest.IsEmpty && rest[0] != ';')
        {
            throw Malformed("a chunk size must be followed by CRLF or a ';' extension");
        }

        return size;
    }

    public static S3Exception Malformed(string reason)
        => new(S3Errors.MalformedChunkedBody, S3Errors.MalformedChunkedBody.Message.TrimEnd('.') + ": " + reason + ".");

    private static bool IsHex(byte b) => char.IsAsciiHexDigit((char)b);

    private static int HexValue(byte b) => b <= '9' ? b - '0' : (b | 0x20) - 'a' + 10;
}
