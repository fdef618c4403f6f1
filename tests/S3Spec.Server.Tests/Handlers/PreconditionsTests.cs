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

    [Fact]
    public void NoConditionsProceed()
    {
        Assert.Equal(PreconditionOutcome.Proceed, Read());
        Assert.Equal(PreconditionOutcome.Proceed, Read(string.Empty, string.Empty, string.Empty, string.Empty));
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

    [Fact]
    public void IfNoneMatchMismatchProceeds()
    {
        Assert.Equal(PreconditionOutcome.Proceed, Read(ifNoneMatch: "\"x\""));
        Assert.Equal(PreconditionOutcome.Proceed, Write(ifNoneMatch: "\"x\""));
    }

    [Fact]
    public void IfUnmodifiedSinceFailsWhenModifiedAfter()
    {
        Assert.Equal(PreconditionOutcome.PreconditionFailed, Read(ifUnmodifiedSince: SecondBefore));
        Assert.Equal(PreconditionOutcome.PreconditionFailed, Write(ifUnmodifiedSince: SecondBefore));
        Assert.Equal(PreconditionOutcome.Proceed, Read(ifUnmodifiedSince: SecondAfter));
    }

    [Fact]
    public void IfUnmodifiedSinceIsIgnoredWhenIfMatchIsPresent()
    {
        Assert.Equal(PreconditionOutcome.Proceed, Read(ifMatch: ETag, ifUnmodifiedSince: SecondBefore));
        Assert.Equal(PreconditionOutcome.PreconditionFailed, Read(ifMatch: "\"x\"", ifUnmodifiedSince: SecondAfter));
    }

    [Fact]
    public void IfModifiedSinceIsNotModifiedWhenNotModifiedAfter()
    {
        Assert.Equal(PreconditionOutcome.NotModified, Read(ifModifiedSince: SecondAfter));
        Assert.Equal(PreconditionOutcome.Proceed, Read(ifModifiedSince: SecondBefore));
    }

    [Fact]
    public void IfModifiedSinceIsIgnoredOnWrites()
    {
        Assert.Equal(PreconditionOutcome.Proceed, Write(ifModifiedSince: SecondAfter));
    }

    [Fact]
    public void IfModifiedSinceIsIgnoredWhenIfNoneMatchIsPresent()
    {
        Assert.Equal(PreconditionOutcome.Proceed, Read(ifNoneMatch: "\"x\"", ifModifiedSince: SecondAfter));
        Assert.Equal(PreconditionOutcome.NotModified, Read(ifNoneMatch: ETag, ifModifiedSince: SecondBefore));
    }

    [Fact]
    public void IfMatchFailureWinsOverIfNoneMatch()
    {
        Assert.Equal(PreconditionOutcome.PreconditionFailed, Read(ifMatch: "\"x\"", ifNoneMatch: ETag));
    }

    [Fact]
    public void DatesCompareAtSecondPrecision()
    {
        // Last-Modified 12:00:00.900 is sent as 12:00:00; a client echoing it back must get 304 / proceed.
        Assert.Equal(PreconditionOutcome.NotModified, Read(ifModifiedSince: SameSecond));
        Assert.Equal(PreconditionOutcome.Proceed, Read(ifUnmodifiedSince: SameSecond));
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

    [Fact]
    public void Iso8601DatesAreAccepted()
    {
        Assert.Equal(PreconditionOutcome.NotModified, Read(ifModifiedSince: "2026-01-02T12:00:01Z"));
        Assert.Equal(PreconditionOutcome.PreconditionFailed, Read(ifUnmodifiedSince: "2026-01-02T11:59:59Z"));
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
