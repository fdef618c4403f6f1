using S3Spec.Core.Checksums;

namespace S3Spec.Server.Handlers;

/// <summary>x-amz-checksum-&lt;algorithm&gt; request headers (not -type, -mode or -algorithm), algorithm upper-case → base64 value.</summary>
internal static class ChecksumHeaders
{
    public static Dictionary<string, string>? Read(IHeaderDictionary headers)
    {
        Dictionary<string, string>? result = null;
        foreach (var algorithm in ChecksumNames.All)
        {
            var value = headers["x-amz-checksum-" + algorithm.ToLowerInvariant()].ToString();
            if (value.Length > 0)
            {
                (result ??= new Dictionary<string, string>(StringComparer.Ordinal))[algorithm] = value;
            }
        }

        return result;
    }
}
