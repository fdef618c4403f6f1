using System.Text;

namespace S3Spec.Auth.Signing;

/// <summary>
/// The chain of aws-chunked signatures: each chunk's signature covers the previous signature (the first
/// one the seed signature of the request) and the chunk's SHA-256; the trailer's covers the last one too.
/// </summary>
internal sealed class ChunkSignatureChain
{
    private readonly byte[] _signingKey;
    private readonly string _payloadPrefix;
    private readonly string _trailerPrefix;
    private string _previous;

    public ChunkSignatureChain(byte[] signingKey, string amzDate, string scope, string seedSignature)
    {
        _signingKey = signingKey;
        _payloadPrefix = "AWS4-HMAC-SHA256-PAYLOAD\n" + amzDate + "\n" + scope + "\n";
        _trailerPrefix = "AWS4-HMAC-SHA256-TRAILER\n" + amzDate + "\n" + scope + "\n";
        _previous = seedSignature;
    }

    /// <summary>Verifies the signature of a chunk whose data hashes to <paramref name="chunkSha256"/>; on success it becomes the previous one.</summary>
    public bool VerifyChunk(ReadOnlySpan<byte> chunkSha256, string claimed)
        => Verify(_payloadPrefix + _previous + "\n" + SigV4Crypto.EmptySha256Hex + "\n" + Convert.ToHexStringLower(chunkSha256), claimed);

    /// <summary>Verifies x-amz-trailer-signature over the hash of the canonical trailer lines.</summary>
    public bool VerifyTrailer(ReadOnlySpan<byte> trailerSha256, string claimed)
        => Verify(_trailerPrefix + _previous + "\n" + Convert.ToHexStringLower(trailerSha256), claimed);

    private bool Verify(string stringToSign, string claimed)
    {
        var expected = SigV4Crypto.SignHexAscii(_signingKey, stringToSign);
        if (!SigV4Crypto.SignatureEquals(expected, claimed))
        {
            return false;
        }

        _previous = Encoding.ASCII.GetString(expected);
        return true;
    }
}
