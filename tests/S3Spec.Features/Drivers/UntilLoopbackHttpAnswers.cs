using DotNet.Testcontainers.Configurations;
using DotNet.Testcontainers.Containers;

namespace S3Spec.Features.Drivers;

/// <summary>
/// Ready when http://127.0.0.1:PORT/ answers at all (the server refuses the unsigned request, which is fine).
/// Host networking: never the container's address or a mapped port.
/// </summary>
internal sealed class UntilLoopbackHttpAnswers(int port) : IWaitUntil
{
    private static readonly HttpClient Client = new(new SocketsHttpHandler { UseProxy = false, ConnectTimeout = TimeSpan.FromSeconds(2) })
    {
        Timeout = TimeSpan.FromSeconds(5),
    };

    public async Task<bool> UntilAsync(IContainer container)
    {
        try
        {
            using var response = await Client.GetAsync(new Uri($"http://127.0.0.1:{port}/"), HttpCompletionOption.ResponseHeadersRead);
            return true;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }
}
