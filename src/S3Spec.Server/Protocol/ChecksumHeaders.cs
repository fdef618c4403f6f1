using S3Spec.Core.Checksums;
using S3Spec.Core.Errors;

namespace S3Spec.Server.Protocol;

/// <summary>
/// x-amz-checksum-&lt;algorithm&gt; request headers (not -type, -mode or -algorithm) as a checksum set.
/// A header that is sent empty or blank is not taken for an absent one: InvalidRequest, as for a body's checksum header.
/// </summary>
internal static class ChecksumHeaders
{
    /// <summary>The family's name prefix (one of the spec's x-s3-header-families).</summary>
    public const string FamilyPrefix = "x-amz-checksum-";

    /// <summary>From an x-amz-checksum-* family (every such header, as sent): an operation input's, or a request's through <c>InputValues.Family</c>.</summary>
    public static ChecksumSet? Read(IReadOnlyList<KeyValuePair<string, string>> family)
    {
        ArgumentNullException.ThrowIfNull(family);
        ChecksumSet? result = null;
        foreach (var algorithm in ChecksumAlgorithms.All)
        {
            var name = ChecksumAlgorithms.HeaderName(algorithm);
            foreach (var (header, value) in family)
            {
                if (header.Equals(name, StringComparison.OrdinalIgnoreCase))
                {
                    result = Add(result, name, algorithm, value);
                }
            }
        }

        return result;
    }

    private static ChecksumSet Add(ChecksumSet? result, string name, ChecksumAlgorithm algorithm, string value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new S3Exception(S3Errors.InvalidRequest, $"Value for {name} header is invalid.");
        }

        return (result ?? ChecksumSet.Empty).With(algorithm, value);
    }
}
