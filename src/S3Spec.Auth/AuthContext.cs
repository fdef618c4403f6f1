using System.IO.Pipelines;
using S3Spec.Auth.Body;
using S3Spec.Auth.Keys;
using S3Spec.Auth.Signing;
using S3Spec.Core.Errors;
using S3Spec.Core.Checksums;

namespace S3Spec.Auth;

/// <summary>The outcome of a successful authentication, and the door to the verified request body.</summary>
public sealed class AuthContext
{
    private readonly IReadOnlyDictionary<string, string> _headers;
    private readonly byte[]? _signingKey;
    private readonly string _amzDate;
    private readonly string _scope;
    private readonly string _seedSignature;
    private readonly ChecksumAlgorithm[] _trailers;

    internal AuthContext(
        AccessKey key,
        PayloadMode payload,
        bool presigned,
        SignatureParts parts,
        string amzDate,
        byte[]? signingKey,
        byte[]? contentSha256,
        long? decodedContentLength,
        ChecksumAlgorithm[] trailers,
        IReadOnlyDictionary<string, string> headers)
    {
        Key = key;
        Payload = payload;
        Presigned = presigned;
        Region = parts.Region;
        _scope = parts.Scope;
        _seedSignature = parts.Signature.ToLowerInvariant();
        _amzDate = amzDate;
        _signingKey = signingKey;
        ContentSha256 = contentSha256;
        DecodedContentLength = decodedContentLength;
        _trailers = trailers;
        _headers = headers;
    }

    /// <summary>The access key that signed the request.</summary>
    public AccessKey Key { get; }

    public PayloadMode Payload { get; }

    /// <summary>True for query-string (presigned URL) authentication.</summary>
    public bool Presigned { get; }

    /// <summary>The region as the client signed it.</summary>
    public string Region { get; }

    /// <summary>The decoded object size of an aws-chunked body (x-amz-decoded-content-length), else null.</summary>
    public long? DecodedContentLength { get; }

    /// <summary>True when the body is aws-chunked (its Content-Encoding "aws-chunked" is not the object's).</summary>
    public bool IsChunked => Payload is PayloadMode.StreamingSigned or PayloadMode.StreamingSignedTrailer or PayloadMode.StreamingUnsignedTrailer;

    /// <summary>
    /// The checksums verified over the decoded body (upper-case algorithm name → base64), filled when the
    /// body stream reaches its end; empty before, or when the request carried none.
    /// </summary>
    public ChecksumSet Checksums { get; private set; } = ChecksumSet.Empty;

    internal byte[]? ContentSha256 { get; }

    /// <summary>Returns the decoded, verifying body stream; see <see cref="OpenBody(PipeReader, long?, bool)"/>.</summary>
    public Stream OpenBody(PipeReader body, long? contentLength) => OpenBody(body, contentLength, verifyChecksumHeader: true);

    /// <summary>
    /// Returns the decoded body as a read-only stream that verifies the payload hash, chunk signatures,
    /// trailer, decoded length and checksums, throwing <see cref="S3Exception"/> from ReadAsync before it
    /// reports end-of-stream. The stream does not complete <paramref name="body"/>.
    /// </summary>
    /// <param name="body">The raw request body.</param>
    /// <param name="contentLength">The Content-Length header, when sent.</param>
    /// <param name="verifyChecksumHeader">
    /// Whether an x-amz-checksum-* request header describes this body. False for CompleteMultipartUpload,
    /// whose checksum header describes the assembled object.
    /// </param>
    public Stream OpenBody(PipeReader body, long? contentLength, bool verifyChecksumHeader)
    {
        var checks = new BodyChecks(Payload == PayloadMode.Sha256 ? ContentSha256 : null);
        try
        {
            if (verifyChecksumHeader)
            {
                AddHeaderChecksum(checks);
            }

            foreach (var t in _trailers)
            {
                checks.Add(t, expected: null);
            }

            if (!IsChunked)
            {
                return new VerifyingBodyStream(body, checks, contentLength, OnVerified);
            }

            var chain = _signingKey is null ? null : new ChunkSignatureChain(_signingKey, _amzDate, _scope, _seedSignature);
            var hasTrailer = Payload != PayloadMode.StreamingSigned;
            return new AwsChunkedBodyStream(body, chain, hasTrailer, DecodedContentLength!.Value, contentLength, checks, OnVerified);
        }
        catch
        {
            checks.Dispose();
            throw;
        }
    }

    private void AddHeaderChecksum(BodyChecks checks)
    {
        var found = false;
        foreach (var a in ChecksumAlgorithms.All)
        {
            if (!_headers.TryGetValue(ChecksumAlgorithms.HeaderName(a), out var value))
            {
                continue;
            }

            if (found)
            {
                throw new S3Exception(S3Errors.InvalidRequest,
                    "Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.");
            }

            found = true;
            checks.Add(a, BodyChecks.DecodeValue(a, value));
        }
    }

    private void OnVerified(ChecksumSet verified) => Checksums = verified;
}
