using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace S3Spec.Auth.Signing;

/// <summary>The HMAC and hash primitives of Signature V4.</summary>
internal static class SigV4Crypto
{
    public const string Algorithm = "AWS4-HMAC-SHA256";
    public const string Service = "s3";
    public const string Terminator = "aws4_request";

    /// <summary>Hex SHA-256 of the empty string.</summary>
    public const string EmptySha256Hex = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    public static byte[] DeriveSigningKey(string secretKey, string date, string region)
    {
        var kSecret = Encoding.UTF8.GetBytes("AWS4" + secretKey);
        var kDate = HMACSHA256.HashData(kSecret, Encoding.UTF8.GetBytes(date));
        var kRegion = HMACSHA256.HashData(kDate, Encoding.UTF8.GetBytes(region));
        var kService = HMACSHA256.HashData(kRegion, Encoding.UTF8.GetBytes(Service));
        CryptographicOperations.ZeroMemory(kSecret);
        return HMACSHA256.HashData(kService, Encoding.UTF8.GetBytes(Terminator));
    }

    /// <summary>UTF-8 encodings up to this size are hashed from the stack, larger ones from a pooled buffer.</summary>
    private const int StackBytes = 2048;

    public static string Sha256Hex(string text)
    {
        Span<byte> hash = stackalloc byte[32];
        var max = Encoding.UTF8.GetMaxByteCount(text.Length);
        byte[]? rented = max > StackBytes ? ArrayPool<byte>.Shared.Rent(max) : null;
        Span<byte> utf8 = rented ?? stackalloc byte[StackBytes];
        SHA256.HashData(utf8[..Encoding.UTF8.GetBytes(text, utf8)], hash);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }

        return Convert.ToHexStringLower(hash);
    }

    public static string StringToSign(string amzDate, string scope, string canonicalRequest)
        => Algorithm + "\n" + amzDate + "\n" + scope + "\n" + Sha256Hex(canonicalRequest);

    /// <summary>
    /// The string to sign over the canonical request's bytes as they arrived: header values are one char per
    /// byte (U+0000..U+00FF), so this hashes their Latin-1 encoding instead of UTF-8 (docs/auth.md, "Header bytes").
    /// </summary>
    public static string StringToSignOfBytes(string amzDate, string scope, string canonicalRequest)
    {
        Span<byte> hash = stackalloc byte[32];
        byte[]? rented = canonicalRequest.Length > StackBytes ? ArrayPool<byte>.Shared.Rent(canonicalRequest.Length) : null;
        Span<byte> bytes = rented ?? stackalloc byte[StackBytes];
        SHA256.HashData(bytes[..Encoding.Latin1.GetBytes(canonicalRequest, bytes)], hash);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }

        return Algorithm + "\n" + amzDate + "\n" + scope + "\n" + Convert.ToHexStringLower(hash);
    }

    /// <summary>True when <paramref name="text"/> holds a char beyond ASCII.</summary>
    public static bool HasNonAscii(string text) => !System.Text.Ascii.IsValid(text);

    /// <summary>The lower-case hex HMAC-SHA256 signature of <paramref name="stringToSign"/>, as ASCII bytes.</summary>
    public static byte[] SignHexAscii(byte[] signingKey, string stringToSign)
    {
        Span<byte> mac = stackalloc byte[32];
        var max = Encoding.UTF8.GetMaxByteCount(stringToSign.Length);
        byte[]? rented = max > StackBytes ? ArrayPool<byte>.Shared.Rent(max) : null;
        Span<byte> utf8 = rented ?? stackalloc byte[StackBytes];
        HMACSHA256.HashData(signingKey, utf8[..Encoding.UTF8.GetBytes(stringToSign, utf8)], mac);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }

        var hex = new byte[64];
        Convert.TryToHexStringLower(mac, hex, out _);
        return hex;
    }

    /// <summary>Compares a computed lower-case hex signature with the one the client sent, in fixed time.</summary>
    public static bool SignatureEquals(ReadOnlySpan<byte> expectedHexAscii, string provided)
    {
        if (provided.Length != expectedHexAscii.Length)
        {
            return false;
        }

        Span<byte> given = stackalloc byte[provided.Length];
        for (var i = 0; i < provided.Length; i++)
        {
            var c = provided[i];
            given[i] = (byte)(c is >= 'A' and <= 'F' ? c + 32 : c);
        }

        return CryptographicOperations.FixedTimeEquals(expectedHexAscii, given);
    }

    public static bool IsHex(ReadOnlySpan<char> s, int length)
    {
        if (s.Length != length)
        {
            return false;
        }

        foreach (var c in s)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
