using System.Globalization;
using S3Spec.Core.Errors;

namespace S3Spec.Server.Handlers;

/// <summary>
/// Part numbers, parsed in one place: 1 to 10,000 (else InvalidArgument). GetObject/HeadObject ?partNumber: objects
/// keep no part boundaries once assembled, so the whole object is its one part; partNumber=1 answers the whole object,
/// any other part number is InvalidPartNumber (416).
/// </summary>
internal static class PartNumbers
{
    public const int Max = 10_000;

    /// <summary>A part number of UploadPart or UploadPartCopy.</summary>
    public static int Parse(string? value)
    {
        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1 || n > Max)
        {
            throw new S3Exception(S3Errors.InvalidArgument, "Part number must be an integer between 1 and 10000, inclusive.");
        }

        return n;
    }

    /// <summary>ListParts' part-number-marker: any non-negative integer.</summary>
    public static int ParseMarker(string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new S3Exception(S3Errors.InvalidArgument, "Provided part-number-marker not an integer or within integer range.");

    public static ByteRange? Slice(string? partNumber, long size)
    {
        if (string.IsNullOrEmpty(partNumber))
        {
            return null;
        }

        if (Parse(partNumber) != 1)
        {
            throw new S3Exception(S3Errors.InvalidPartNumber);
        }

        return new ByteRange(0, size);
    }
}
