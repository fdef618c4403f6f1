using System.Net;
using System.Net.Sockets;
using S3Spec.Server.Hosting;
using Xunit;

namespace S3Spec.Server.Tests.Hosting;

public sealed class ProbeTests
{
    [Theory]
    [InlineData(null, "http://127.0.0.1:9000/")]
    [InlineData("http://0.0.0.0:9000", "http://127.0.0.1:9000")]
    [InlineData("http://+:8080;https://+:8443", "http://127.0.0.1:8080")]
    [InlineData("http://[::]:9100/", "http://127.0.0.1:9100/")]
    [InlineData("http://10.1.2.3:9000", "http://10.1.2.3:9000")]
    public void DefaultUrlFollowsAspNetCoreUrls(string? urls, string expected) =>
        Assert.Equal(expected, Probe.DefaultUrl(urls));

    [Fact]
    public void OnlyTheFirstArgumentSelectsTheProbe()
    {
        Assert.True(Probe.IsRequested(["--probe"]));
        Assert.False(Probe.IsRequested(["--urls", "--probe"]));
        Assert.False(Probe.IsRequested([]));
    }

    [Fact]
    public async Task AnyHttpAnswerMeansAlive()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var server = Task.Run(async () =>
        {
            using var client = await listener.AcceptTcpClientAsync();
            var stream = client.GetStream();
            var buffer = new byte[4096];
            _ = await stream.ReadAsync(buffer);
            await stream.WriteAsync("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray());
        });

        Assert.Equal(0, await Probe.RunAsync(["--probe", $"http://127.0.0.1:{port}/"]));
        await server;
    }

    [Fact]
    public async Task NoListenerMeansDead()
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        Assert.Equal(1, await Probe.RunAsync(["--probe", $"http://127.0.0.1:{port}/"]));
    }

    [Fact]
    public async Task ANonHttpUrlIsAUsageError() =>
        Assert.Equal(2, await Probe.RunAsync(["--probe", "ftp://127.0.0.1/"]));
}
