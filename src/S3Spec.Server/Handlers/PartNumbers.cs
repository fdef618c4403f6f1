using System.Globalization;
using S3Spec.Core.Errors;

namespace S3Spec.Server.Handlers;

/// <summary>
/// GetObject/HeadObject ?partNumber: objects keep no part boundaries once assembled, so the whole object is its
/// one part; partNumber=1 answers the whole object, any other part number is InvalidPartNumber (416).
/// </summary>
internal static class PartNumbers
{
    public static ByteRange? Slice(string? partNumber, long size)
    {
        if (string.IsNullOrEmpty(partNumber))
        {
            return null;
        }

        if (!int.TryParse(partNumber, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1 || n > 10_000)
        {
            throw new S3Exception(S3Errors.InvalidArgument, "Part number must be an integer between 1 and 10000, inclusive.");
        }

        if (n != 1)
        {
            throw new S3Exception(S3Errors.InvalidPartNumber);
        }

        return new ByteRange(0, size);
    }
}
