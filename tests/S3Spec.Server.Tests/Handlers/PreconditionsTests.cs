using S3Spec.Server.Handlers;

namespace S3Spec.Server.Tests.Handlers;

public sealed class PreconditionsTests
{
    private const string ETag = "\"abc\"";

    // 12:00:00.900 UTC: the fraction must not matter against whole-second HTTP dates.
    private static readonly DateTimeOffset Modified = new(2026, 1, 2, 12, 0, 0, 900, TimeSpan.Zero);

    private const string SameSecond = "Fri, 02 Jan 2026 12:00:00 GMT";
    private const string SecondBefore = "Fri, 02 Jan 2026 11:59:59 GMT";
    private const string SecondAfter = "Fri, 02 Jan 2026 12:00:01 GMT";

    private static PreconditionOutcome Read(string? ifMatch = null, string? ifNoneMatch = null, string? ifModifiedSince = null, string? ifUnmodifiedSince = null) =>
        Preconditions.Evaluate(ETag, Modified, ifMatch, ifNoneMatch, ifModifiedSince, ifUnmodifiedSince, isRead: true);

    private static PreconditionOutcome Write(string? ifMatch = null, string? ifNoneMatch = null, string? ifModifiedSince = null, string? ifUnmodifiedSince = null) =>
        Preconditions.Evaluate(ETag, Modified, ifMatch, ifNoneMatch, ifModifiedSince, ifUnmodifiedSince, isRead: false);

    /// <summary>
    /// One row per case: on a read or a write, the four conditions (null: not sent; "" sent empty) and the outcome.
    /// SecondBefore/SecondAfter/SameSecond are HTTP dates around Last-Modified 12:00:00.900 (whole seconds on the wire).
    /// </summary>
    public static TheoryData<string, bool, string?, string?, string?, string?, string> Conditions => new()
    {
        { "no conditions proceed", true, null, null, null, null, nameof(PreconditionOutcome.Proceed) },
        { "empty conditions proceed", true, "", "", "", "", nameof(PreconditionOutcome.Proceed) },
        { "If-None-Match mismatch proceeds on a read", true, null, "\"x\"", null, null, nameof(PreconditionOutcome.Proceed) },
        { "If-None-Match mismatch proceeds on a write", false, null, "\"x\"", null, null, nameof(PreconditionOutcome.Proceed) },
        { "If-Unmodified-Since fails when modified after (read)", true, null, null, null, SecondBefore, nameof(PreconditionOutcome.PreconditionFailed) },
        { "If-Unmodified-Since fails when modified after (write)", false, null, null, null, SecondBefore, nameof(PreconditionOutcome.PreconditionFailed) },
        { "If-Unmodified-Since proceeds when not modified after", true, null, null, null, SecondAfter, nameof(PreconditionOutcome.Proceed) },
        { "If-Unmodified-Since is ignored when If-Match matches", true, ETag, null, null, SecondBefore, nameof(PreconditionOutcome.Proceed) },
        { "If-Match mismatch fails whatever If-Unmodified-Since says", true, "\"x\"", null, null, SecondAfter, nameof(PreconditionOutcome.PreconditionFailed) },
        { "If-Modified-Since is not modified when not modified after", true, null, null, SecondAfter, null, nameof(PreconditionOutcome.NotModified) },
        { "If-Modified-Since proceeds when modified after", true, null, null, SecondBefore, null, nameof(PreconditionOutcome.Proceed) },
        { "If-Modified-Since is ignored on writes", false, null, null, SecondAfter, null, nameof(PreconditionOutcome.Proceed) },
        { "If-Modified-Since is ignored when If-None-Match mismatches", true, null, "\"x\"", SecondAfter, null, nameof(PreconditionOutcome.Proceed) },
        { "If-None-Match match is not modified whatever If-Modified-Since says", true, null, ETag, SecondBefore, null, nameof(PreconditionOutcome.NotModified) },
        { "If-Match failure wins over If-None-Match", true, "\"x\"", ETag, null, null, nameof(PreconditionOutcome.PreconditionFailed) },
        { "dates compare at second precision (If-Modified-Since)", true, null, null, SameSecond, null, nameof(PreconditionOutcome.NotModified) },
        { "dates compare at second precision (If-Unmodified-Since)", true, null, null, null, SameSecond, nameof(PreconditionOutcome.Proceed) },
        { "ISO 8601 If-Modified-Since is accepted", true, null, null, "2026-01-02T12:00:01Z", null, nameof(PreconditionOutcome.NotModified) },
        { "ISO 8601 If-Unmodified-Since is accepted", true, null, null, null, "2026-01-02T11:59:59Z", nameof(PreconditionOutcome.PreconditionFailed) },
    };

    [Theory]
    [MemberData(nameof(Conditions))]
    public void ConditionsDecideTheOutcome(
        string name, bool isRead, string? ifMatch, string? ifNoneMatch, string? ifModifiedSince, string? ifUnmodifiedSince, string expected)
    {
        var outcome = isRead ? Read(ifMatch, ifNoneMatch, ifModifiedSince, ifUnmodifiedSince) : Write(ifMatch, ifNoneMatch, ifModifiedSince, ifUnmodifiedSince);
        Assert.True(expected == outcome.ToString(), $"{name}: {outcome}");
    }

    [Theory]
    [InlineData("\"abc\"")]
    [InlineData("abc")]
    [InlineData("W/\"abc\"")]
    [InlineData("*")]
    [InlineData("\"x\", \"abc\"")]
    [InlineData("\"x\",abc")]
    public void IfMatchThatMatchesProceeds(string ifMatch)
    {
        Assert.Equal(PreconditionOutcome.Proceed, Read(ifMatch: ifMatch));
        Assert.Equal(PreconditionOutcome.Proceed, Write(ifMatch: ifMatch));
    }

    [Theory]
    [InlineData("\"x\"")]
    [InlineData("\"ABC\"")]
    [InlineData("\"abc")]
    [InlineData("\"x\", \"y\"")]
    public void IfMatchMismatchFails(string ifMatch)
    {
        Assert.Equal(PreconditionOutcome.PreconditionFailed, Read(ifMatch: ifMatch));
        Assert.Equal(PreconditionOutcome.PreconditionFailed, Write(ifMatch: ifMatch));
    }

    [Fact]
    public void UnquotedStoredETagMatchesQuotedCondition()
    {
        Assert.Equal(PreconditionOutcome.Proceed, Preconditions.Evaluate("abc", Modified, "\"abc\"", null, null, null, isRead: true));
    }

    [Theory]
    [InlineData("\"abc\"")]
    [InlineData("abc")]
    [InlineData("W/\"abc\"")]
    [InlineData("*")]
    [InlineData("\"x\", \"abc\"")]
    public void IfNoneMatchThatMatchesIsNotModifiedOnReadAndFailsOnWrite(string ifNoneMatch)
    {
        Assert.Equal(PreconditionOutcome.NotModified, Read(ifNoneMatch: ifNoneMatch));
        Assert.Equal(PreconditionOutcome.PreconditionFailed, Write(ifNoneMatch: ifNoneMatch));
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("Fri, 99 Jan 2026 12:00:00 GMT")]
    [InlineData("   ")]
    public void UnparsableDatesAreIgnored(string date)
    {
        Assert.Equal(PreconditionOutcome.Proceed, Read(ifModifiedSince: date));
        Assert.Equal(PreconditionOutcome.Proceed, Read(ifUnmodifiedSince: date));
    }

    [Theory]
    [InlineData("\"abc\"", "abc")]
    [InlineData("W/\"abc\"", "abc")]
    [InlineData("abc", "abc")]
    [InlineData("\"", "\"")]
    [InlineData("\"\"", "")]
    public void UnquoteStripsQuotesAndWeakPrefix(string input, string expected)
    {
        Assert.Equal(expected, Preconditions.Unquote(input));
    }

    [Theory]
    [InlineData("Fri, 02 Jan 2026 12:00:00 GMT")]
    [InlineData("Friday, 02-Jan-26 12:00:00 GMT")]
    [InlineData("Fri Jan  2 12:00:00 2026")]
    [InlineData("Fri, 02 Jan 2026 12:00:00 -0000")]
    [InlineData("Fri, 02 Jan 2026 14:00:00 +0200")]
    public void EveryHttpDateFormIsReadAsTheSameInstant(string value)
    {
        Assert.True(Preconditions.TryParseDate(value, out var date), value);
        Assert.Equal(new DateTimeOffset(2026, 1, 2, 12, 0, 0, TimeSpan.Zero), date);
    }
}
