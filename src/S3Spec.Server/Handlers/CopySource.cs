using S3Spec.Core.Errors;
using S3Spec.Server.Protocol;
using S3Spec.Server.Routing;

namespace S3Spec.Server.Handlers;

/// <summary>x-amz-copy-source: "[/]bucket/key[?versionId=null]", URL-encoded by clients; decoded once.</summary>
internal sealed record CopySource(string Bucket, string Key)
{
    public static CopySource Parse(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            throw new S3Exception(S3Errors.InvalidArgument, "Copy Source must mention the source bucket and key: sourcebucket/sourcekey.");
        }

        // Clients URL-encode it; a raw UTF-8 name arrives as its bytes (HeaderBytes) and is read as UTF-8 text.
        var value = HeaderBytes.ToText("x-amz-copy-source", header.Trim());
        var q = value.IndexOf('?', StringComparison.Ordinal);
        if (q >= 0)
        {
            var query = value[(q + 1)..];
            value = value[..q];
            foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                if (pair.StartsWith("versionId=", StringComparison.Ordinal))
                {
                    VersionIds.RequireNull(S3TargetParser.Decode(pair.AsSpan(10)));
                }
            }
        }

        var decoded = S3TargetParser.Decode(value.AsSpan());
        if (decoded.StartsWith('/'))
        {
            decoded = decoded[1..];
        }

        var slash = decoded.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == decoded.Length - 1)
        {
            throw new S3Exception(S3Errors.InvalidArgument, "Copy Source must mention the source bucket and key: sourcebucket/sourcekey.");
        }

        return new CopySource(decoded[..slash], decoded[(slash + 1)..]);
    }
}
