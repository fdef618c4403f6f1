using S3Spec.Core.Checksums;
using S3Spec.Core.Errors;

namespace S3Spec.Server.Protocol;

/// <summary>
/// x-amz-checksum-&lt;algorithm&gt; request headers (not -type, -mode or -algorithm), algorithm upper-case → base64 value.
/// A header that is sent empty or blank is not taken for an absent one: InvalidRequest, as for a body's checksum header.
/// </summary>
internal static class ChecksumHeaders
{
    public static Dictionary<string, string>? Read(IHeaderDictionary headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        Dictionary<string, string>? result = null;
        foreach (var algorithm in ChecksumNames.All)
        {
            var name = "x-amz-checksum-" + algorithm.ToLowerInvariant();
            if (headers.TryGetValue(name, out var values))
            {
                Add(ref result, name, algorithm, values.ToString());
            }
        }

        return result;
    }

    /// <summary>The same from an operation input's x-amz-checksum-* family (every such header, as sent).</summary>
    public static Dictionary<string, string>? Read(IReadOnlyList<KeyValuePair<string, string>> family)
    {
        ArgumentNullException.ThrowIfNull(family);
        Dictionary<string, string>? result = null;
        foreach (var algorithm in ChecksumNames.All)
        {
            var name = "x-amz-checksum-" + algorithm.ToLowerInvariant();
            foreach (var (header, value) in family)
            {
                if (header.Equals(name, StringComparison.OrdinalIgnoreCase))
                {
                    Add(ref result, name, algorithm, value);
                }
            }
        }

        return result;
    }

    private static void Add(ref Dictionary<string, string>? result, string name, string algorithm, string value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new S3Exception(S3Errors.InvalidRequest, $"Value for {name} header is invalid.");
        }

        (result ??= new Dictionary<string, string>(StringComparer.Ordinal))[algorithm] = value;
    }
}
