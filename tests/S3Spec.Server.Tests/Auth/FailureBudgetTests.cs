using System.Net;
using Microsoft.AspNetCore.Http;
using S3Spec.Core.Errors;
using S3Spec.Server.Auth;

namespace S3Spec.Server.Tests.Auth;

public sealed class FailureBudgetTests
{
    private static readonly IPAddress Client = IPAddress.Parse("192.0.2.7");
    private static readonly IPAddress Other = IPAddress.Parse("192.0.2.8");

    [Fact]
    public void AnAddressIsStoppedAfterItsBurstAndRecoversOverTime()
    {
        var time = new ManualTime();
        var budget = new FailureBudget(burst: 3, perSecond: 1, time);
        for (var i = 0; i < 3; i++)
        {
            Assert.True(budget.MayTry(Client));
            budget.Failed(Client);
        }

        Assert.False(budget.MayTry(Client));
        Assert.True(budget.MayTry(Other));

        time.Advance(TimeSpan.FromSeconds(1.5));
        Assert.True(budget.MayTry(Client));
    }

    [Fact]
    public async Task FailedAuthenticationsBeyondTheBudgetAreAnsweredSlowDownBeforeTheyRun()
    {
        var budget = new FailureBudget(burst: 2, perSecond: 0.001, new ManualTime());
        var reached = 0;
        var limiter = new UnauthenticatedRateLimiter(_ =>
        {
            reached++;
            throw new S3Exception(S3Errors.SignatureDoesNotMatch);
        }, budget);

        for (var i = 0; i < 2; i++)
        {
            var e = await Assert.ThrowsAsync<S3Exception>(() => limiter.InvokeAsync(Context()));
            Assert.Equal("SignatureDoesNotMatch", e.Error.Code);
        }

        var slow = await Assert.ThrowsAsync<S3Exception>(() => limiter.InvokeAsync(Context()));
        Assert.Equal("SlowDown", slow.Error.Code);
        Assert.Equal(503, slow.Error.Status);
        Assert.Equal(2, reached);
    }

    private static DefaultHttpContext Context()
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = Client;
        return context;
    }

    private sealed class ManualTime : TimeProvider
    {
        private long _ticks = 1_000_000;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }
}
