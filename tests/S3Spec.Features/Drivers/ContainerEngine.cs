using System.Net.Sockets;

namespace S3Spec.Features.Drivers;

/// <summary>
/// The few Docker-API calls Testcontainers does not make the way the suite needs: a graceful stop (SIGTERM, then
/// SIGKILL after a grace period) and a forced removal. Talks to the DOCKER_HOST unix socket only.
/// </summary>
internal static class ContainerEngine
{
    private const int StopGraceSeconds = 15;

    public static async Task StopAndRemoveAsync(string container)
    {
        var socket = SocketPath();
        using var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            ConnectCallback = async (_, cancellationToken) =>
            {
                var connection = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await connection.ConnectAsync(new UnixDomainSocketEndPoint(socket), cancellationToken);
                    return new NetworkStream(connection, ownsSocket: true);
                }
                catch
                {
                    connection.Dispose();
                    throw;
                }
            },
        };
        using var client = new HttpClient(handler) { BaseAddress = new Uri("http://podman/"), Timeout = TimeSpan.FromSeconds(StopGraceSeconds + 30) };
        using (var stop = await client.PostAsync(new Uri($"containers/{container}/stop?t={StopGraceSeconds}", UriKind.Relative), content: null))
        {
            // 204 stopped, 304 already stopped, 404 already gone.
        }

        using var remove = await client.DeleteAsync(new Uri($"containers/{container}?force=true&v=true", UriKind.Relative));
        if (!remove.IsSuccessStatusCode && remove.StatusCode != System.Net.HttpStatusCode.NotFound)
        {
            throw new InvalidOperationException($"Removing container {container} answered {(int)remove.StatusCode}: {await remove.Content.ReadAsStringAsync()}");
        }
    }

    private static string SocketPath()
    {
        var host = Environment.GetEnvironmentVariable("DOCKER_HOST") ?? "";
        const string Scheme = "unix://";
        return host.StartsWith(Scheme, StringComparison.Ordinal)
            ? host[Scheme.Length..]
            : throw new InvalidOperationException($"DOCKER_HOST must be a unix:// socket for the container target, not '{host}'.");
    }
}
