using System.Text;

namespace S3Spec.Auth.Signing;

/// <summary>Builds the Signature V4 canonical request the way S3 does (no double encoding of the path).</summary>
internal static class CanonicalRequest
{
    public const string SignatureParameter = "X-Amz-Signature";

    public static string Build(
        SigV4Request request,
        List<QueryParameter> query,
        string[] signedHeaders,
        string signedHeadersText,
        string payloadHash,
        bool presigned)
    {
        var sb = new StringBuilder(256 + request.RawPath.Length + request.RawQuery.Length);
        sb.Append(request.Method).Append('\n');
        AppendUri(sb, request.RawPath);
        sb.Append('\n');
        AppendQuery(sb, query, presigned);
        sb.Append('\n');
        foreach (var name in signedHeaders)
        {
            sb.Append(name).Append(':');
            if (request.Headers.TryGetValue(name, out var value))
            {
                AppendHeaderValue(sb, value);
            }

            sb.Append('\n');
        }

        sb.Append('\n').Append(signedHeadersText).Append('\n').Append(payloadHash);
        return sb.ToString();
    }

    /// <summary>Each segment percent-decoded, then encoded with the S3 rules; '/' kept.</summary>
    public static void AppendUri(StringBuilder sb, string rawPath)
    {
        if (rawPath.Length == 0)
        {
            sb.Append('/');
            return;
        }

        var rest = rawPath.AsSpan();
        while (true)
        {
            var slash = rest.IndexOf('/');
            var segment = slash < 0 ? rest : rest[..slash];
            if (!segment.IsEmpty)
            {
                SigV4Encoding.Encode(sb, SigV4Encoding.PercentDecode(segment, plusIsSpace: false), keepSlash: false);
            }

            if (slash < 0)
            {
                break;
            }

            sb.Append('/');
            rest = rest[(slash + 1)..];
        }
    }

    private static void AppendQuery(StringBuilder sb, List<QueryParameter> query, bool presigned)
    {
        var sorted = new List<QueryParameter>(query.Count);
        foreach (var p in query)
        {
            if (presigned && string.Equals(p.Name, SignatureParameter, StringComparison.Ordinal))
            {
                continue;
            }

            sorted.Add(p);
        }

        sorted.Sort(static (a, b) =>
        {
            var c = string.CompareOrdinal(a.EncodedName, b.EncodedName);
            return c != 0 ? c : string.CompareOrdinal(a.EncodedValue, b.EncodedValue);
        });
        for (var i = 0; i < sorted.Count; i++)
        {
            if (i > 0)
            {
                sb.Append('&');
            }

            sb.Append(sorted[i].EncodedName).Append('=').Append(sorted[i].EncodedValue);
        }
    }

    /// <summary>Trimmed, with each run of spaces collapsed to one.</summary>
    private static void AppendHeaderValue(StringBuilder sb, string value)
    {
        var v = value.AsSpan().Trim(" \t");
        var previousSpace = false;
        foreach (var c in v)
        {
            var space = c == ' ' || c == '\t';
            if (space && previousSpace)
            {
                continue;
            }

            sb.Append(space ? ' ' : c);
            previousSpace = space;
        }
    }
}
