using S3Spec.Core.Checksums;
using S3Spec.Core.Errors;

namespace S3Spec.Server.Handlers;

/// <summary>
/// x-amz-checksum-&lt;algorithm&gt; request headers (not -type, -mode or -algorithm), algorithm upper-case → base64 value.
/// A header that is sent empty or blank is not taken for an absent one: InvalidRequest, as for a body's checksum header.
/// </summary>
internal static class ChecksumHeaders
{
    public static Dictionary<string, string>? Read(IHeaderDictionary headers)
    {
        Dictionary<string, string>? result = null;
        foreach (var algorithm in ChecksumNames.All)
        {
            var name = "x-amz-checksum-" + algorithm.ToLowerInvariant();
            if (!headers.TryGetValue(name, out var values))
            {
                continue;
            }

            var value = values.ToString();
            if (string.IsNullOrWhiteSpace(value))
            {
                throw new S3Exception(S3Errors.InvalidRequest, $"Value for {name} header is invalid.");
            }

            (result ??= new Dictionary<string, string>(StringComparer.Ordinal))[algorithm] = value;
        }

        return result;
    }
}
