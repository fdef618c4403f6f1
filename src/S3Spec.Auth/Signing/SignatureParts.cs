using S3Spec.Core.Errors;

namespace S3Spec.Auth.Signing;

/// <summary>What a client's Signature V4 says about itself, from the Authorization header or the query.</summary>
internal sealed class SignatureParts
{
    public required string AccessKeyId { get; init; }

    /// <summary>The credential date, yyyyMMdd.</summary>
    public required string Date { get; init; }

    /// <summary>The region exactly as the client wrote it (the signing key is derived from this spelling).</summary>
    public required string Region { get; init; }

    public required string[] SignedHeaders { get; init; }

    public required string SignedHeadersText { get; init; }

    public required string Signature { get; init; }

    public string Scope => Date + "/" + Region + "/" + SigV4Crypto.Service + "/" + SigV4Crypto.Terminator;

    /// <summary>Parses "AK/yyyyMMdd/region/s3/aws4_request"; returns the reason it is malformed, or null.</summary>
    public static string? ParseCredential(string credential, out string accessKeyId, out string date, out string region)
    {
        accessKeyId = date = region = "";
        var parts = credential.Split('/');
        if (parts.Length != 5)
        {
            return $"the Credential '{credential}' must have the form ACCESS_KEY/yyyyMMdd/REGION/s3/aws4_request";
        }

        accessKeyId = parts[0];
        date = parts[1];
        region = parts[2];
        if (accessKeyId.Length == 0)
        {
            return "the Credential has an empty access key id";
        }

        if (date.Length != 8 || !IsDigits(date) || !DateOnly.TryParseExact(date, "yyyyMMdd", out _))
        {
            return $"the Credential date '{date}' is not a date in the form yyyyMMdd";
        }

        if (region.Length == 0)
        {
            return "the Credential has an empty region";
        }

        if (!string.Equals(parts[3], SigV4Crypto.Service, StringComparison.Ordinal))
        {
            return $"the Credential service '{parts[3]}' is wrong; expecting 's3'";
        }

        if (!string.Equals(parts[4], SigV4Crypto.Terminator, StringComparison.Ordinal))
        {
            return $"the Credential terminator '{parts[4]}' is wrong; expecting 'aws4_request'";
        }

        return null;
    }

    /// <summary>Parses "host;x-amz-date;..." (lower-case names, no empty names); returns the reason it is malformed, or null.</summary>
    public static string? ParseSignedHeaders(string text, out string[] names)
    {
        names = text.Split(';');
        foreach (var n in names)
        {
            if (n.Length == 0)
            {
                return $"SignedHeaders '{text}' contains an empty header name";
            }

            foreach (var c in n)
            {
                if (c <= ' ' || c >= 0x7F || c == ':' || char.IsAsciiLetterUpper(c))
                {
                    return $"SignedHeaders '{text}' must list lower-case header names separated by ';'";
                }
            }
        }

        if (Array.IndexOf(names, "host") < 0)
        {
            return "the host header must be signed (listed in SignedHeaders)";
        }

        return null;
    }

    public static S3Exception Malformed(S3Error row, string reason) => new(row, row.Message + " " + Capitalize(reason) + ".");

    private static string Capitalize(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

    private static bool IsDigits(string s)
    {
        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
