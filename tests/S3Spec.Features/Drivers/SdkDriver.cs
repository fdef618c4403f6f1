using System.Net;
using System.Net.Sockets;
using System.Reflection;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace S3Spec.Features.Drivers;

/// <summary>
/// The AWS SDK for .NET (v4) with its default settings, except what any S3-compatible endpoint needs: the service
/// URL, path-style addressing, the signing region and explicit credentials. Failures become an <see cref="S3Outcome"/>.
/// </summary>
public sealed class SdkDriver : IDisposable
{
    private static readonly EventInfo BeforeMarshalling = typeof(AmazonServiceClient).GetEvent("BeforeMarshallingEvent", BindingFlags.Instance | BindingFlags.NonPublic)
        ?? throw new InvalidOperationException("AWSSDK.Core no longer has AmazonServiceClient.BeforeMarshallingEvent; chunk encoding cannot be turned off per client.");

    public SdkDriver(Uri endpoint, string accessKey, string secretKey, string region)
        : this(endpoint, accessKey, secretKey, region, new SdkOptions())
    {
    }

    public SdkDriver(Uri endpoint, string accessKey, string secretKey, string region, SdkOptions options)
    {
        var config = new AmazonS3Config
        {
            ServiceURL = endpoint.ToString(),
            ForcePathStyle = options.ForcePathStyle,
            AuthenticationRegion = region,
            DisableClockSkewCorrection = true,
        };
        if (options.Certificate is not null || options.ConnectToLoopback)
        {
            config.HttpClientFactory = new TestHttpClientFactory(options.Certificate, options.ConnectToLoopback);
        }

        if (options.Client.ChecksumsWhenRequired)
        {
            config.RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED;
            config.ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED;
        }

        Client = new AmazonS3Client(new BasicAWSCredentials(accessKey, secretKey), config);
        if (!options.Client.ChunkEncoding)
        {
            BeforeMarshalling.AddMethod!.Invoke(Client, [new PreRequestEventHandler(WithoutChunkEncoding)]);
        }
    }

    public AmazonS3Client Client { get; }

    /// <summary>Runs one SDK call; an S3 error response is captured instead of thrown.</summary>
    public static async Task<S3Outcome> CallAsync<T>(Func<Task<T>> call)
        where T : AmazonWebServiceResponse
    {
        try
        {
            var response = await call();
            return new S3Outcome(response.HttpStatusCode, null, null, response);
        }
        catch (AmazonS3Exception ex)
        {
            return new S3Outcome(ex.StatusCode, ex.ErrorCode, ex.Message, null);
        }
        catch (AmazonServiceException ex)
        {
            return new S3Outcome(ex.StatusCode, ex.ErrorCode, ex.Message, null);
        }
    }

    public void Dispose() => Client.Dispose();

    /// <summary>
    /// Every PutObject and UploadPart of this client goes with a plain body (signed payload hash, no aws-chunked),
    /// set on the request before it is marshalled. The SDK keeps that event internal (its handler types are public).
    /// </summary>
    private static void WithoutChunkEncoding(object sender, PreRequestEventArgs e)
    {
        switch (e.Request)
        {
            case PutObjectRequest put:
                put.UseChunkEncoding = false;
                break;
            case UploadPartRequest part:
                part.UseChunkEncoding = false;
                break;
        }
    }

    /// <summary>
    /// Trusts the test certificate of an HTTPS server and, for virtual-hosted names (VOLUME.localhost), connects to
    /// 127.0.0.1 whatever the host name resolves to, keeping the Host header the SDK chose.
    /// </summary>
    private sealed class TestHttpClientFactory(TestCertificate? certificate, bool connectToLoopback) : HttpClientFactory
    {
        public override HttpClient CreateHttpClient(IClientConfig clientConfig)
        {
            var handler = new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false };
            if (certificate is not null)
            {
                handler.SslOptions.RemoteCertificateValidationCallback = (_, presented, _, errors) => certificate.Validate(presented, errors);
            }

            if (connectToLoopback)
            {
                handler.ConnectCallback = async (context, cancellationToken) =>
                {
                    var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                    try
                    {
                        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, context.DnsEndPoint.Port), cancellationToken);
                        return new NetworkStream(socket, ownsSocket: true);
                    }
                    catch
                    {
                        socket.Dispose();
                        throw;
                    }
                };
            }

            return new HttpClient(handler);
        }

        public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

        public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => true;

        public override string GetConfigUniqueString(IClientConfig clientConfig) => "s3spec-test";
    }
}

/// <summary>How a test's SDK client differs from the defaults.</summary>
public sealed record SdkOptions
{
    public bool ForcePathStyle { get; init; } = true;

    public TestCertificate? Certificate { get; init; }

    public bool ConnectToLoopback { get; init; }

    /// <summary>The target's client settings (checksums, chunk encoding); the SDK's defaults unless the target says otherwise.</summary>
    public ClientSettings Client { get; init; } = ClientSettings.Default;
}

/// <summary>The result of one request: its HTTP status, the S3 error code when it failed, and the SDK response.</summary>
public sealed record S3Outcome(HttpStatusCode Status, string? ErrorCode, string? ErrorMessage, object? Response)
{
    public bool Succeeded => ErrorCode is null && (int)Status is >= 200 and < 300;

    public T As<T>()
        where T : class =>
        Response as T ?? throw new InvalidOperationException(
            $"Expected a successful {typeof(T).Name}, got HTTP {(int)Status} {ErrorCode}: {ErrorMessage}");

    public override string ToString() => Succeeded ? $"HTTP {(int)Status}" : $"HTTP {(int)Status} {ErrorCode}: {ErrorMessage}";
}
