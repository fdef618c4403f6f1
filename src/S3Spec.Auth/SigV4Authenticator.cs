using System.Globalization;
using S3Spec.Auth.Keys;
using S3Spec.Auth.Settings;
using S3Spec.Auth.Signing;
using S3Spec.Core.Errors;
using S3Spec.Core.Headers;
using S3Spec.Core.Checksums;

namespace S3Spec.Auth;

/// <summary>
/// Verifies AWS Signature V4 requests (Authorization header or presigned query) against the key store.
/// Anonymous requests are refused; Signature V2 is refused with a clear message.
/// </summary>
public sealed partial class SigV4Authenticator
{
    private const string UsEast1 = "us-east-1";
    private readonly IKeyStore _keys;
    private readonly AuthOptions _options;
    private readonly TimeProvider _time;
    private readonly SigningKeyCache _signingKeys = new();

    public SigV4Authenticator(IKeyStore keys, AuthOptions options, TimeProvider time)
    {
        _keys = keys;
        _options = options;
        _time = time;
    }

    /// <summary>Authenticates <paramref name="request"/>; throws <see cref="S3Exception"/> on failure.</summary>
    public AuthContext Authenticate(SigV4Request request)
    {
        var query = QueryParameter.Parse(request.RawQuery);
        request.Headers.TryGetValue("authorization", out var authorization);
        var hasHeader = !string.IsNullOrWhiteSpace(authorization);
        var hasQuery = QueryParameter.Find(query, "X-Amz-Algorithm") is not null
            || QueryParameter.Find(query, "X-Amz-Credential") is not null
            || QueryParameter.Find(query, CanonicalRequest.SignatureParameter) is not null;
        if (hasHeader && hasQuery)
        {
            throw new S3Exception(S3Errors.InvalidArgument,
                "Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter or the Authorization header should be specified.");
        }

        if (hasHeader)
        {
            return AuthenticateHeader(request, query, authorization!.Trim());
        }

        if (hasQuery)
        {
            return AuthenticateQuery(request, query);
        }

        if (QueryParameter.Find(query, "AWSAccessKeyId") is not null || QueryParameter.Find(query, "Signature") is not null)
        {
            throw SigV2Refused();
        }

        throw new S3Exception(S3Errors.AccessDenied,
            "Anonymous requests are not allowed: sign the request with AWS Signature Version 4 (AWS4-HMAC-SHA256).");
    }

    private AuthContext AuthenticateHeader(SigV4Request request, List<QueryParameter> query, string authorization)
    {
        var parts = ParseAuthorization(authorization);
        CheckRegion(parts.Region, S3Errors.AuthorizationHeaderMalformed);
        var key = FindKey(parts.AccessKeyId);

        if (!request.Headers.TryGetValue("x-amz-content-sha256", out var contentSha256) || contentSha256.Length == 0)
        {
            throw new S3Exception(S3Errors.InvalidRequest, "Missing required header for this request: x-amz-content-sha256");
        }

        var payload = PayloadHeaders.ParseMode(contentSha256, out var sha256);

        var time = RequestTime(request, parts, out var amzDate);
        if (!string.Equals(AmzDate.ToDateStamp(time), parts.Date, StringComparison.Ordinal))
        {
            throw SignatureParts.Malformed(S3Errors.AuthorizationHeaderMalformed,
                $"Invalid credential date '{parts.Date}'. Date is not the same as X-Amz-Date: '{amzDate}'");
        }

        CheckSkew(time, amzDate);

        long? decodedLength = null;
        ChecksumAlgorithm[] trailers = [];
        if (payload is PayloadMode.StreamingSigned or PayloadMode.StreamingSignedTrailer or PayloadMode.StreamingUnsignedTrailer)
        {
            decodedLength = PayloadHeaders.ParseDecodedLength(request.Headers);
            if (payload != PayloadMode.StreamingSigned)
            {
                trailers = PayloadHeaders.ParseTrailers(request.Headers);
            }
        }

        var signingKey = VerifySignature(request, query, parts, key, amzDate, contentSha256, presigned: false);
        var chunkKey = payload is PayloadMode.StreamingSigned or PayloadMode.StreamingSignedTrailer ? signingKey : null;
        return new AuthContext(key, payload, presigned: false, parts, amzDate, chunkKey, sha256, decodedLength, trailers, request.Headers);
    }

    /// <summary>Parses "AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...".</summary>
    private static SignatureParts ParseAuthorization(string authorization)
    {
        var row = S3Errors.AuthorizationHeaderMalformed;
        if (authorization.StartsWith("AWS ", StringComparison.Ordinal))
        {
            throw SigV2Refused();
        }

        var space = authorization.IndexOf(' ', StringComparison.Ordinal);
        var algorithm = space < 0 ? authorization : authorization[..space];
        if (!string.Equals(algorithm, SigV4Crypto.Algorithm, StringComparison.Ordinal))
        {
            throw new S3Exception(S3Errors.InvalidSignatureVersion,
                $"The authorization type '{algorithm}' is not supported. Please use AWS4-HMAC-SHA256.");
        }

        string? credential = null, signedHeaders = null, signature = null;
        foreach (var component in authorization[(space + 1)..].Split(',', StringSplitOptions.TrimEntries))
        {
            var eq = component.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw SignatureParts.Malformed(row, $"the component '{component}' is not of the form Name=Value");
            }

            var value = component[(eq + 1)..];
            switch (component[..eq])
            {
                case "Credential" when credential is null:
                    credential = value;
                    break;
                case "SignedHeaders" when signedHeaders is null:
                    signedHeaders = value;
                    break;
                case "Signature" when signature is null:
                    signature = value;
                    break;
                default:
                    throw SignatureParts.Malformed(row, $"the component '{component[..eq]}' is unknown or repeated");
            }
        }

        if (credential is null || signedHeaders is null || signature is null)
        {
            throw SignatureParts.Malformed(row, "it must contain Credential, SignedHeaders and Signature");
        }

        return BuildParts(row, credential, signedHeaders, signature);
    }

    private static SignatureParts BuildParts(S3Error row, string credential, string signedHeaders, string signature)
    {
        string[] names = [];
        var reason = SignatureParts.ParseCredential(credential, out var accessKeyId, out var date, out var region);
        reason ??= SignatureParts.ParseSignedHeaders(signedHeaders, out names);
        if (reason is not null)
        {
            throw SignatureParts.Malformed(row, reason);
        }

        if (!SigV4Crypto.IsHex(signature, 64))
        {
            throw SignatureParts.Malformed(row, "the Signature must be 64 hexadecimal digits");
        }

        return new SignatureParts
        {
            AccessKeyId = accessKeyId,
            Date = date,
            Region = region,
            SignedHeaders = names,
            SignedHeadersText = signedHeaders,
            Signature = signature,
        };
    }

    private void CheckRegion(string region, S3Error row)
    {
        if (string.Equals(region, _options.Region, StringComparison.OrdinalIgnoreCase)
            || (_options.AcceptUsEast1 && string.Equals(region, UsEast1, StringComparison.OrdinalIgnoreCase)))
        {
            return;
        }

        throw new S3Exception(row, $"{row.Message.TrimEnd('.')}; the region '{region}' is wrong; expecting '{_options.Region}'")
        {
            Details = [new("Region", _options.Region)],
        };
    }

    private AccessKey FindKey(string accessKeyId)
    {
        var key = _keys.Find(accessKeyId);
        if (key is null || key.Disabled)
        {
            throw new S3Exception(S3Errors.InvalidAccessKeyId) { Details = [new("AWSAccessKeyId", accessKeyId)] };
        }

        return key;
    }

    private void CheckSkew(DateTimeOffset requestTime, string amzDate)
    {
        var now = _time.GetUtcNow();
        if ((now - requestTime).Duration() <= _options.ClockSkew)
        {
            return;
        }

        throw new S3Exception(S3Errors.RequestTimeTooSkewed)
        {
            Details =
            [
                new("RequestTime", amzDate),
                new("ServerTime", AmzDate.ToIso(now)),
                new("MaxAllowedSkewMilliseconds", ((long)_options.ClockSkew.TotalMilliseconds).ToString(CultureInfo.InvariantCulture)),
            ],
        };
    }

    /// <summary>Recomputes the signature; returns the signing key on success.</summary>
    private byte[] VerifySignature(
        SigV4Request request, List<QueryParameter> query, SignatureParts parts, AccessKey key, string amzDate, string payloadHash, bool presigned)
    {
        var canonical = CanonicalRequest.Build(request, query, parts.SignedHeaders, parts.SignedHeadersText, payloadHash, presigned);
        var stringToSign = SigV4Crypto.StringToSign(amzDate, parts.Scope, canonical);
        var signingKey = _signingKeys.Get(key, parts.Date, parts.Region);
        var expected = SigV4Crypto.SignHexAscii(signingKey, stringToSign);

        // Header values are their bytes, one char each. Clients sign either the UTF-8 of those chars (text sent as
        // Latin-1) or the bytes they sent (curl, botocore): both are tried (docs/auth.md, "Header bytes").
        if (!SigV4Crypto.SignatureEquals(expected, parts.Signature)
            && !(SigV4Crypto.HasNonAscii(canonical)
                && SigV4Crypto.SignatureEquals(SigV4Crypto.SignHexAscii(signingKey, SigV4Crypto.StringToSignOfBytes(amzDate, parts.Scope, canonical)), parts.Signature)))
        {
            RefuseControlBytes(request, parts);
            throw new S3Exception(S3Errors.SignatureDoesNotMatch)
            {
                Details =
                [
                    new("AWSAccessKeyId", parts.AccessKeyId),
                    new("StringToSign", stringToSign),
                    new("SignatureProvided", parts.Signature),
                    new("CanonicalRequest", canonical),
                ],
            };
        }

        return signingKey;
    }

    /// <summary>
    /// Clients canonicalise control bytes in header values differently (botocore folds \v and \f like spaces), so a
    /// signature over such a value cannot be told wrong from differently computed: the value is the problem named.
    /// </summary>
    private static void RefuseControlBytes(SigV4Request request, SignatureParts parts)
    {
        foreach (var name in parts.SignedHeaders)
        {
            if (request.Headers.TryGetValue(name, out var value) && HeaderText.HasControl(value))
            {
                throw HeaderText.ControlCharacter(name);
            }
        }
    }

    /// <summary>
    /// The request's time: x-amz-date (ISO basic) when it is sent, else the Date header in any HTTP-date or RFC 2822 form;
    /// an empty header counts as not sent. The one used must be signed. <paramref name="amzDate"/> is the ISO form the
    /// string to sign carries.
    /// </summary>
    private DateTimeOffset RequestTime(SigV4Request request, SignatureParts parts, out string amzDate)
    {
        DateTimeOffset time;
        if (request.Headers.TryGetValue("x-amz-date", out var xAmzDate) && !string.IsNullOrWhiteSpace(xAmzDate))
        {
            if (!AmzDate.TryParseIso(xAmzDate, out time))
            {
                throw NoValidDate();
            }

            amzDate = xAmzDate;
            RequireSigned(parts, "x-amz-date");
            return time;
        }

        if (request.Headers.TryGetValue("date", out var httpDate) && HttpDate.TryParse(httpDate, _time.GetUtcNow(), out time))
        {
            amzDate = AmzDate.ToIso(time);
            RequireSigned(parts, "date");
            return time;
        }

        throw NoValidDate();
    }

    private static void RequireSigned(SignatureParts parts, string header)
    {
        if (Array.IndexOf(parts.SignedHeaders, header) < 0)
        {
            throw SignatureParts.Malformed(S3Errors.AuthorizationHeaderMalformed, $"the {header} header must be signed (listed in SignedHeaders)");
        }
    }

    private static S3Exception NoValidDate()
        => new(S3Errors.AccessDenied, "AWS authentication requires a valid Date or x-amz-date header");

    private static S3Exception SigV2Refused()
        => new(S3Errors.InvalidSignatureVersion,
            "AWS Signature Version 2 is not supported. Please use AWS Signature Version 4 (AWS4-HMAC-SHA256).");
}
