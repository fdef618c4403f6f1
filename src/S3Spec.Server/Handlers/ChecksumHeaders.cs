using S3Spec.Core.Checksums;
using S3Spec.Core.Errors;

namespace S3Spec.Server.Handlers;

/// <summary>
/// x-amz-checksum-&lt;algorithm&gt; request headers (not -type, -mode or -algorithm) as a checksum set.
/// A header that is sent empty or blank is not taken for an absent one: InvalidRequest, as for a body's checksum header.
/// </summary>
internal static class ChecksumHeaders
{
    public static ChecksumSet? Read(IHeaderDictionary headers)
    {
        ChecksumSet? result = null;
        foreach (var algorithm in ChecksumAlgorithms.All)
        {
            var name = ChecksumAlgorithms.HeaderName(algorithm);
            if (!headers.TryGetValue(name, out var values))
            {
                continue;
            }

            var value = values.ToString();
            if (string.IsNullOrWhiteSpace(value))
            {
                throw new S3Exception(S3Errors.InvalidRequest, $"Value for {name} header is invalid.");
            }

            result = (result ?? ChecksumSet.Empty).With(algorithm, value);
        }

        return result;
    }
}
