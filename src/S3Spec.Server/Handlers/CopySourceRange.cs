using System.Globalization;
using S3Spec.Core.Errors;

namespace S3Spec.Server.Handlers;

/// <summary>x-amz-copy-source-range: "bytes=first-last", both inclusive and required.</summary>
internal static class CopySourceRange
{
    public static (long First, long Last)? Parse(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return null;
        }

        var value = header.Trim();
        var dash = value.IndexOf('-', StringComparison.Ordinal);
        if (value.StartsWith("bytes=", StringComparison.Ordinal) && dash > 6 &&
            long.TryParse(value.AsSpan(6, dash - 6), NumberStyles.None, CultureInfo.InvariantCulture, out var first) &&
            long.TryParse(value.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var last) &&
            first <= last)
        {
            return (first, last);
        }

        throw new S3Exception(S3Errors.InvalidArgument,
            "The x-amz-copy-source-range value must be of the form bytes=first-last where first and last are the zero-based offsets of the first and last bytes to copy");
    }
}
