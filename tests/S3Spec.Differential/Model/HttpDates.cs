using System.Globalization;

namespace S3Spec.Differential.Model;

/// <summary>The three HTTP-date forms of RFC 9110 (IMF-fixdate, RFC 850, asctime).</summary>
internal static class HttpDates
{
    public static string Format(DateTimeOffset time, string form)
    {
        var utc = time.UtcDateTime;
        return form switch
        {
            "rfc850" => utc.ToString("dddd, dd-MMM-yy HH:mm:ss 'GMT'", CultureInfo.InvariantCulture),
            "asctime" => utc.ToString("ddd MMM ", CultureInfo.InvariantCulture) + utc.Day.ToString(CultureInfo.InvariantCulture).PadLeft(2) + utc.ToString(" HH:mm:ss yyyy", CultureInfo.InvariantCulture),
            _ => utc.ToString("R", CultureInfo.InvariantCulture),
        };
    }
}
