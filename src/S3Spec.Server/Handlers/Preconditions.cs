using System.Globalization;

namespace S3Spec.Server.Handlers;

internal enum PreconditionOutcome
{
    Proceed,
    NotModified,
    PreconditionFailed,
}

/// <summary>
/// HTTP conditional request evaluation (RFC 9110 §13.2.2, as S3 applies it): If-Match, else If-Unmodified-Since;
/// then If-None-Match, else If-Modified-Since. An unparsable date is ignored.
/// </summary>
internal static class Preconditions
{
    public static PreconditionOutcome Evaluate(
        string etag, DateTimeOffset lastModified, string? ifMatch, string? ifNoneMatch, string? ifModifiedSince, string? ifUnmodifiedSince, bool isRead)
    {
        var modified = Truncate(lastModified);
        if (!string.IsNullOrEmpty(ifMatch))
        {
            if (!Matches(ifMatch, etag))
            {
                return PreconditionOutcome.PreconditionFailed;
            }
        }
        else if (TryParseDate(ifUnmodifiedSince, out var unmodifiedSince) && modified > unmodifiedSince)
        {
            return PreconditionOutcome.PreconditionFailed;
        }

        if (!string.IsNullOrEmpty(ifNoneMatch))
        {
            if (Matches(ifNoneMatch, etag))
            {
                return isRead ? PreconditionOutcome.NotModified : PreconditionOutcome.PreconditionFailed;
            }
        }
        else if (isRead && TryParseDate(ifModifiedSince, out var modifiedSince) && modified <= modifiedSince)
        {
            return PreconditionOutcome.NotModified;
        }

        return PreconditionOutcome.Proceed;
    }

    /// <summary>True when the list ("*", or comma-separated ETags, quoted or not, weak or not) names <paramref name="etag"/>.</summary>
    public static bool Matches(string list, string etag)
    {
        var bare = Unquote(etag);
        foreach (var candidate in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (candidate == "*" || string.Equals(Unquote(candidate), bare, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    public static string Unquote(string etag)
    {
        var s = etag.StartsWith("W/", StringComparison.Ordinal) ? etag[2..] : etag;
        return s.Length >= 2 && s[0] == '"' && s[^1] == '"' ? s[1..^1] : s;
    }

    public static bool TryParseDate(string? value, out DateTimeOffset date)
    {
        date = default;
        return !string.IsNullOrWhiteSpace(value) &&
            (DateTimeOffset.TryParseExact(value.Trim(), "r", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out date) ||
             DateTimeOffset.TryParseExact(value.Trim(), "ddd MMM d HH:mm:ss yyyy", CultureInfo.InvariantCulture,
                 DateTimeStyles.AllowInnerWhite | DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out date) ||
             DateTimeOffset.TryParse(value.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out date));
    }

    /// <summary>HTTP dates have whole seconds: compare at that precision.</summary>
    private static DateTimeOffset Truncate(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
}
