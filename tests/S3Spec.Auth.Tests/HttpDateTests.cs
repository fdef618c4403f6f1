using S3Spec.Auth.Signing;

namespace S3Spec.Auth.Tests;

/// <summary>The Date header in every form: RFC 9110's three HTTP-date forms and RFC 2822/5322 date-times.</summary>
public sealed class HttpDateTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 5, 28, 4, TimeSpan.Zero);

    [Theory]
    // RFC 9110 IMF-fixdate, obsolete RFC 850 and asctime (the example instant of RFC 9110).
    [InlineData("Sun, 06 Nov 1994 08:49:37 GMT", "1994-11-06T08:49:37Z")]
    [InlineData("Sunday, 06-Nov-94 08:49:37 GMT", "1994-11-06T08:49:37Z")]
    [InlineData("Sun Nov  6 08:49:37 1994", "1994-11-06T08:49:37Z")]
    [InlineData("Sun Nov 06 08:49:37 1994", "1994-11-06T08:49:37Z")]
    [InlineData("Sunday, 06-Nov-1994 08:49:37 GMT", "1994-11-06T08:49:37Z")]
    // What botocore sends (email.utils.formatdate: -0000) and other numeric zones.
    [InlineData("Wed, 02 Dec 2026 05:28:04 -0000", "2026-12-02T05:28:04Z")]
    [InlineData("Wed, 02 Dec 2026 05:28:04 +0000", "2026-12-02T05:28:04Z")]
    [InlineData("Wed, 02 Dec 2026 07:28:04 +0200", "2026-12-02T05:28:04Z")]
    [InlineData("Wed, 02 Dec 2026 00:28:04 -0500", "2026-12-02T05:28:04Z")]
    [InlineData("Wed, 02 Dec 2026 10:58:04 +0530", "2026-12-02T05:28:04Z")]
    [InlineData("Tue, 01 Dec 2026 23:28:04 -0600", "2026-12-02T05:28:04Z")]
    [InlineData("Thu, 03 Dec 2026 04:28:04 +2300", "2026-12-02T05:28:04Z")]
    // Obsolete named zones (RFC 5322 4.3), UTC, and military letters (read as -0000).
    [InlineData("Wed, 02 Dec 2026 05:28:04 UT", "2026-12-02T05:28:04Z")]
    [InlineData("Wed, 02 Dec 2026 05:28:04 UTC", "2026-12-02T05:28:04Z")]
    [InlineData("Wed, 02 Dec 2026 05:28:04 Z", "2026-12-02T05:28:04Z")]
    [InlineData("Wed, 02 Dec 2026 05:28:04 A", "2026-12-02T05:28:04Z")]
    [InlineData("Wed, 02 Dec 2026 00:28:04 EST", "2026-12-02T05:28:04Z")]
    [InlineData("Wed, 02 Dec 2026 01:28:04 EDT", "2026-12-02T05:28:04Z")]
    [InlineData("Tue, 01 Dec 2026 23:28:04 CST", "2026-12-02T05:28:04Z")]
    [InlineData("Wed, 02 Dec 2026 00:28:04 CDT", "2026-12-02T05:28:04Z")]
    [InlineData("Tue, 01 Dec 2026 22:28:04 MST", "2026-12-02T05:28:04Z")]
    [InlineData("Tue, 01 Dec 2026 23:28:04 MDT", "2026-12-02T05:28:04Z")]
    [InlineData("Tue, 01 Dec 2026 21:28:04 PST", "2026-12-02T05:28:04Z")]
    [InlineData("Tue, 01 Dec 2026 22:28:04 PDT", "2026-12-02T05:28:04Z")]
    // RFC 5322 latitude: no day name, one-digit day, no seconds, a leap second, a comment, any case, runs of white space.
    [InlineData("2 Dec 2026 05:28:04 +0000", "2026-12-02T05:28:04Z")]
    [InlineData("Wed, 2 Dec 2026 05:28 GMT", "2026-12-02T05:28:00Z")]
    [InlineData("Thu, 31 Dec 2026 23:59:60 GMT", "2026-12-31T23:59:59Z")]
    [InlineData("Wed, 02 Dec 2026 05:28:04 +0000 (UTC)", "2026-12-02T05:28:04Z")]
    [InlineData("wed, 02 dec 2026 05:28:04 gmt", "2026-12-02T05:28:04Z")]
    [InlineData("  Wed,  02   Dec\t2026 05:28:04   GMT  ", "2026-12-02T05:28:04Z")]
    [InlineData("Wed,02 Dec 2026 05:28:04 GMT", "2026-12-02T05:28:04Z")]
    // Two-digit years (RFC 850, obsolete RFC 2822): the most recent such year not more than 50 years ahead; three digits + 1900.
    [InlineData("Wed, 02 Dec 26 05:28:04 GMT", "2026-12-02T05:28:04Z")]
    [InlineData("Wednesday, 01-Jan-76 00:00:00 GMT", "2076-01-01T00:00:00Z")]
    [InlineData("Friday, 01-Jan-99 00:00:00 GMT", "1999-01-01T00:00:00Z")]
    [InlineData("Wed, 02 Dec 126 05:28:04 GMT", "2026-12-02T05:28:04Z")]
    public void EveryFormIsRead(string text, string expected)
    {
        Assert.True(HttpDate.TryParse(text, Now, out var time), text);
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), time);
        Assert.Equal(TimeSpan.Zero, time.Offset);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Wed, 02 Dec 2026 05:28:04")]
    [InlineData("Thu, 02 Dec 2026 05:28:04 GMT")]
    [InlineData("Thursday, 02-Dec-26 05:28:04 GMT")]
    [InlineData("Thu Dec  2 05:28:04 2026")]
    [InlineData("Wed, 31 Nov 2026 05:28:04 GMT")]
    [InlineData("Sun, 29 Feb 2026 05:28:04 GMT")]
    [InlineData("Wed, 02 Dec 2026 24:00:00 GMT")]
    [InlineData("Wed, 02 Dec 2026 05:60:00 GMT")]
    [InlineData("Wed, 02 Dec 2026 05:28:61 GMT")]
    [InlineData("Wed, 02 Dec 2026 5:28:04 GMT")]
    [InlineData("Wed, 02 Foo 2026 05:28:04 GMT")]
    [InlineData("Wed, 02 December 2026 05:28:04 GMT")]
    [InlineData("Wed, 002 Dec 2026 05:28:04 GMT")]
    [InlineData("Wed, 02 Dec 20266 05:28:04 GMT")]
    [InlineData("Wed, 02 Dec 0000 05:28:04 GMT")]
    [InlineData("Wed, 02 Dec 2026 05:28:04 +2400")]
    [InlineData("Wed, 02 Dec 2026 05:28:04 +0060")]
    [InlineData("Wed, 02 Dec 2026 05:28:04 +000")]
    [InlineData("Wed, 02 Dec 2026 05:28:04 +00:00")]
    [InlineData("Wed, 02 Dec 2026 05:28:04 J")]
    [InlineData("Wed, 02 Dec 2026 05:28:04 CET")]
    [InlineData("Wed, 02 Dec 2026 05:28:04 GMT junk")]
    [InlineData("Wed, 02 Dec 2026 05:28:04 GMT,")]
    [InlineData("Wed, 02 Dec 2026 05:28:04 +0000 (UTC")]
    [InlineData("Wed, 02 Déc 2026 05:28:04 GMT")]
    [InlineData("Sun Nov  6 08:49:37 94")]
    [InlineData("Sun Nov  6 08:49 1994")]
    [InlineData("Sun Nov  6 08:49:37 1994 GMT")]
    [InlineData("Wd, 02 Dec 2026 05:28:04 GMT")]
    [InlineData("20261202T052804Z")]
    [InlineData("2026-12-02T05:28:04Z")]
    [InlineData("Fri, 31 Dec 9999 23:59:59 -0100")]
    public void AnythingElseIsRefused(string text) => Assert.False(HttpDate.TryParse(text, Now, out _), text);

    [Fact]
    public void NullAndOverlongAreRefused()
    {
        Assert.False(HttpDate.TryParse(null, Now, out _));
        Assert.False(HttpDate.TryParse("Wed, 02 Dec 2026 05:28:04 GMT " + new string(' ', 200), Now, out _));
    }
}
