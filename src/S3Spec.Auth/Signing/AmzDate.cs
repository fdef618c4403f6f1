using System.Globalization;

namespace S3Spec.Auth.Signing;

/// <summary>Request timestamps: x-amz-date / X-Amz-Date (ISO 8601 basic); the Date header is read by <see cref="HttpDate"/>.</summary>
internal static class AmzDate
{
    public const string Format = "yyyyMMdd'T'HHmmss'Z'";

    public static bool TryParseIso(string? text, out DateTimeOffset time)
        => DateTimeOffset.TryParseExact(text, Format, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);

    public static string ToIso(DateTimeOffset time) => time.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    public static string ToDateStamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
}
