using System.Globalization;
using S3Spec.Core.Errors;
using S3Spec.Core.Checksums;

namespace S3Spec.Auth.Signing;

/// <summary>Reads x-amz-content-sha256, x-amz-decoded-content-length and x-amz-trailer.</summary>
internal static class PayloadHeaders
{
    public const string UnsignedPayload = "UNSIGNED-PAYLOAD";
    public const string StreamingSigned = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD";
    public const string StreamingSignedTrailer = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER";
    public const string StreamingUnsignedTrailer = "STREAMING-UNSIGNED-PAYLOAD-TRAILER";

    public static PayloadMode ParseMode(string value, out byte[]? sha256)
    {
        sha256 = null;
        switch (value)
        {
            case UnsignedPayload:
                return PayloadMode.Unsigned;
            case StreamingSigned:
                return PayloadMode.StreamingSigned;
            case StreamingSignedTrailer:
                return PayloadMode.StreamingSignedTrailer;
            case StreamingUnsignedTrailer:
                return PayloadMode.StreamingUnsignedTrailer;
        }

        if (SigV4Crypto.IsHex(value, 64))
        {
            sha256 = Convert.FromHexString(value);
            return PayloadMode.Sha256;
        }

        throw new S3Exception(S3Errors.InvalidArgument,
            "x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD, "
            + "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER, STREAMING-UNSIGNED-PAYLOAD-TRAILER or a valid sha256 value.")
        {
            Details = [new("ArgumentName", "x-amz-content-sha256"), new("ArgumentValue", value)],
        };
    }

    public static long ParseDecodedLength(IReadOnlyDictionary<string, string> headers)
    {
        if (!headers.TryGetValue("x-amz-decoded-content-length", out var text))
        {
            throw new S3Exception(S3Errors.MissingContentLength,
                "An aws-chunked body requires the x-amz-decoded-content-length header.");
        }

        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var length))
        {
            throw new S3Exception(S3Errors.InvalidArgument, "x-amz-decoded-content-length must be a non-negative integer.")
            {
                Details = [new("ArgumentName", "x-amz-decoded-content-length"), new("ArgumentValue", text)],
            };
        }

        return length;
    }

    public static ChecksumAlgorithm[] ParseTrailers(IReadOnlyDictionary<string, string> headers)
    {
        if (!headers.TryGetValue("x-amz-trailer", out var text) || string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var names = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var result = new ChecksumAlgorithm[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            if (!ChecksumAlgorithms.TryFromHeaderName(names[i], out result[i]))
            {
                throw new S3Exception(S3Errors.InvalidRequest,
                    $"The value specified in the x-amz-trailer header is not supported: '{names[i]}'.");
            }
        }

        return result;
    }
}
