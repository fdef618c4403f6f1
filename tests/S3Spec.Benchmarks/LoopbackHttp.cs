using Amazon.Runtime;

namespace S3Spec.Benchmarks;

/// <summary>
/// The one HTTP stack of the harness: the SDK clients and the loopback-ceiling driver both get their HttpClient from
/// <see cref="Create"/>, so the ceiling is measured with exactly the client the SDK runs on.
/// </summary>
internal sealed class LoopbackHttp : HttpClientFactory
{
    public const int MaxConnections = 128;

    public static HttpClient Create() => new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        MaxConnectionsPerServer = MaxConnections,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        ConnectTimeout = TimeSpan.FromSeconds(10),
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    public override HttpClient CreateHttpClient(IClientConfig clientConfig) => Create();

    public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => true;

    public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;

    public override string GetConfigUniqueString(IClientConfig clientConfig) => "s3spec-bench";
}
