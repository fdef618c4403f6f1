using Amazon.Runtime;
using Amazon.S3;
using DotNet.Testcontainers.Containers;

namespace S3Spec.Testcontainers;

/// <summary>A running S3Spec container: its endpoint, credentials, region and a configured <see cref="AmazonS3Client"/>.</summary>
public sealed class S3SpecContainer : DockerContainer
{
    private readonly S3SpecConfiguration configuration;

    /// <summary>Initializes the container (use <see cref="S3SpecBuilder"/>).</summary>
    /// <param name="configuration">The configuration.</param>
    public S3SpecContainer(S3SpecConfiguration configuration)
        : base(configuration)
    {
        this.configuration = configuration;
    }

    /// <summary>The S3 endpoint, e.g. http://127.0.0.1:32768.</summary>
    public Uri Endpoint => configuration.HostPort is { } port
        ? new Uri($"http://127.0.0.1:{port}")
        : new UriBuilder(Uri.UriSchemeHttp, Hostname, GetMappedPublicPort(S3SpecBuilder.S3Port)).Uri;

    /// <summary>The access key.</summary>
    public string AccessKey => configuration.AccessKey!;

    /// <summary>Its secret.</summary>
    public string SecretKey => configuration.SecretKey!;

    /// <summary>The region.</summary>
    public string Region => configuration.Region ?? "us-east-1";

    /// <summary>The endpoint as a string, as other modules name it.</summary>
    /// <returns>The endpoint URL.</returns>
    public string GetConnectionString() => Endpoint.ToString();

    /// <summary>Client settings: path style, the region, no retries of errors.</summary>
    /// <returns>The configuration.</returns>
    public AmazonS3Config ClientConfig() => new()
    {
        ServiceURL = Endpoint.ToString(),
        ForcePathStyle = true,
        AuthenticationRegion = Region,
        MaxErrorRetry = 0,
    };

    /// <summary>An AWS SDK client with the container's key.</summary>
    /// <returns>The client.</returns>
    public AmazonS3Client CreateClient() => new(new BasicAWSCredentials(AccessKey, SecretKey), ClientConfig());

    /// <summary>The host directory mounted at /data: each top-level directory is a volume; files written here are objects.</summary>
    public string DataRoot => configuration.DataRoot!;

    /// <inheritdoc />
    protected override async ValueTask DisposeAsyncCore()
    {
        try
        {
            await base.DisposeAsyncCore().ConfigureAwait(false);
        }
        finally
        {
            try
            {
                Directory.Delete(Path.GetDirectoryName(DataRoot)!, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Files the container's user wrote may not be removable by a non-root host user: left in the temp folder.
            }
        }
    }
}
