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
            Assert.True(budget.TrySpend(Client));
        }

        Assert.False(budget.TrySpend(Client));
        Assert.False(budget.TrySpend(Client));
        Assert.True(budget.TrySpend(Other));

        time.Advance(TimeSpan.FromSeconds(1.5));
        Assert.True(budget.TrySpend(Client));
        Assert.False(budget.TrySpend(Client));
    }

    [Fact]
    public void AnIPv4MappedAddressSharesTheBudgetOfItsIPv4Address()
    {
        var budget = new FailureBudget(burst: 1, perSecond: 0.001, new ManualTime());
        Assert.True(budget.TrySpend(Client.MapToIPv6()));
        Assert.False(budget.TrySpend(Client));
    }

    [Fact]
    public void FailedAuthenticationsBeyondTheBudgetAreAnsweredSlowDown()
    {
        var limiter = new UnauthenticatedRateLimiter(new FailureBudget(burst: 2, perSecond: 0.001, new ManualTime()));
        limiter.Failed(Context());
        limiter.Failed(Context());

        var slow = Assert.Throws<S3Exception>(() => limiter.Failed(Context()));
        Assert.Equal("SlowDown", slow.Error.Code);
        Assert.Equal(503, slow.Error.Status);
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
