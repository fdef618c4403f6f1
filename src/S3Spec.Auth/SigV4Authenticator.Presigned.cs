using System.Globalization;
using S3Spec.Auth.Signing;
using S3Spec.Core.Errors;

namespace S3Spec.Auth;

/// <summary>Query-string (presigned URL) authentication.</summary>
public sealed partial class SigV4Authenticator
{
    private const int MaxExpiresSeconds = 604800;

    private static readonly string[] RequiredParameters =
        ["X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date", "X-Amz-Expires", "X-Amz-SignedHeaders", CanonicalRequest.SignatureParameter];

    private AuthContext AuthenticateQuery(SigV4Request request, List<QueryParameter> query)
    {
        var row = S3Errors.AuthorizationQueryParametersError;
        foreach (var name in RequiredParameters)
        {
            if (QueryParameter.Count(query, name) != 1)
            {
                throw new S3Exception(row,
                    "Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, "
                    + "X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters, each once.");
            }
        }

        if (!string.Equals(QueryParameter.Find(query, "X-Amz-Algorithm"), SigV4Crypto.Algorithm, StringComparison.Ordinal))
        {
            throw new S3Exception(row, "X-Amz-Algorithm only supports \"AWS4-HMAC-SHA256\"");
        }

        var parts = BuildParts(row,
            QueryParameter.Find(query, "X-Amz-Credential")!,
            QueryParameter.Find(query, "X-Amz-SignedHeaders")!,
            QueryParameter.Find(query, CanonicalRequest.SignatureParameter)!);

        var amzDate = QueryParameter.Find(query, "X-Amz-Date")!;
        if (!AmzDate.TryParseIso(amzDate, out var time))
        {
            throw new S3Exception(row, "X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\"");
        }

        var expiresText = QueryParameter.Find(query, "X-Amz-Expires")!;
        if (!int.TryParse(expiresText, NumberStyles.None, CultureInfo.InvariantCulture, out var expires))
        {
            throw new S3Exception(row, "X-Amz-Expires should be a number");
        }

        if (expires > MaxExpiresSeconds)
        {
            throw new S3Exception(row, "X-Amz-Expires must be less than a week (in seconds) that is; 604800");
        }

        if (!string.Equals(AmzDate.ToDateStamp(time), parts.Date, StringComparison.Ordinal))
        {
            throw SignatureParts.Malformed(row,
                $"Invalid credential date '{parts.Date}'. Date is not the same as X-Amz-Date: '{amzDate}'");
        }

        CheckRegion(parts.Region, row);
        var key = FindKey(parts.AccessKeyId);
        CheckValidity(time, expires);

        var contentSha256 = QueryParameter.Find(query, "X-Amz-Content-Sha256") ?? PayloadHeaders.UnsignedPayload;
        var payload = PayloadHeaders.ParseMode(contentSha256, out var sha256);
        if (payload is not (PayloadMode.Unsigned or PayloadMode.Sha256))
        {
            throw new S3Exception(S3Errors.InvalidRequest, "A presigned request cannot carry an aws-chunked body.");
        }

        VerifySignature(request, query, parts, key, amzDate, contentSha256, presigned: true);
        return new AuthContext(key, payload, presigned: true, parts, amzDate, signingKey: null, sha256, decodedContentLength: null, [], request.Headers);
    }

    /// <summary>Valid from X-Amz-Date minus the clock skew up to X-Amz-Date plus X-Amz-Expires (both inclusive).</summary>
    private void CheckValidity(DateTimeOffset signedAt, int expires)
    {
        var now = _time.GetUtcNow();
        if (now < signedAt - _options.ClockSkew)
        {
            throw new S3Exception(S3Errors.AccessDenied, "Request is not valid yet")
            {
                Details = [new("X-Amz-Date", AmzDate.ToIso(signedAt)), new("ServerTime", AmzDate.ToIso(now))],
            };
        }

        var expiresAt = signedAt.AddSeconds(expires);
        if (now > expiresAt)
        {
            throw new S3Exception(S3Errors.ExpiredToken)
            {
                Details =
                [
                    new("X-Amz-Expires", expires.ToString(CultureInfo.InvariantCulture)),
                    new("Expires", AmzDate.ToIso(expiresAt)),
                    new("ServerTime", AmzDate.ToIso(now)),
                ],
            };
        }
    }
}
