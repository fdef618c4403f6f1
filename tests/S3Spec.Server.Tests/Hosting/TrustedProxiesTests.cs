using System.Net;
using S3Spec.Auth.Settings;
using S3Spec.Server.Hosting;
using S3Spec.Storage.Contract;
using S3Spec.Server.Settings;

namespace S3Spec.Server.Tests.Hosting;

public sealed class TrustedProxiesTests
{
    [Fact]
    public void AddressesAndNetworksAreTheOnlyTrustedSenders()
    {
        var options = TrustedProxies.Options(" 10.0.0.5 , 192.168.0.0/16,::1,fd00::/8 ")!;
        Assert.Equal([IPAddress.Parse("10.0.0.5"), IPAddress.IPv6Loopback], options.KnownProxies);
        Assert.Equal([IPNetwork.Parse("192.168.0.0/16"), IPNetwork.Parse("fd00::/8")], options.KnownIPNetworks);
        Assert.Null(options.ForwardLimit);
        Assert.Equal(Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor, options.ForwardedHeaders);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" , ,")]
    public void NoProxyMeansNoForwardedHeaders(string? setting)
    {
        // With no known proxy the forwarded-headers middleware would trust every sender: it must not run at all.
        Assert.Null(TrustedProxies.Options(setting));
    }

    [Theory]
    [InlineData("proxy.example")]
    [InlineData("10.0.0.0/33")]
    [InlineData("10.0.0.5,nonsense")]
    [InlineData("10.0.0.0/")]
    public void AnythingElseStopsTheStart(string setting)
    {
        var e = Assert.Throws<InvalidOperationException>(() =>
            SettingsValidator.Validate(new StorageOptions(), new AuthOptions(), new ServerOptions { TrustedProxies = setting }));
        Assert.Contains("TrustedProxies", e.Message, StringComparison.Ordinal);
    }
}
