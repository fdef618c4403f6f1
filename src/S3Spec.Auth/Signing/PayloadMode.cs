namespace S3Spec.Auth.Signing;

/// <summary>How the request body is protected, from x-amz-content-sha256.</summary>
public enum PayloadMode
{
    /// <summary>UNSIGNED-PAYLOAD (also every presigned request without X-Amz-Content-Sha256).</summary>
    Unsigned,

    /// <summary>A hex SHA-256 of the whole body, verified at its end.</summary>
    Sha256,

    /// <summary>STREAMING-AWS4-HMAC-SHA256-PAYLOAD: aws-chunked with chained chunk signatures.</summary>
    StreamingSigned,

    /// <summary>STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER: signed chunks plus a signed trailer.</summary>
    StreamingSignedTrailer,

    /// <summary>STREAMING-UNSIGNED-PAYLOAD-TRAILER: aws-chunked without signatures, with a trailer.</summary>
    StreamingUnsignedTrailer,
}
