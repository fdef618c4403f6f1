using System.Net;
using Amazon.Runtime;
using Amazon.S3;

namespace S3Spec.Features.Drivers;

/// <summary>
/// The AWS SDK for .NET (v4) with its default settings, except what any S3-compatible endpoint needs: the service
/// URL, path-style addressing, the signing region and explicit credentials. Failures become an <see cref="S3Outcome"/>.
/// </summary>
public sealed class SdkDriver : IDisposable
{
    public SdkDriver(Uri endpoint, string accessKey, string secretKey, string region)
    {
        var config = new AmazonS3Config
        {
            ServiceURL = endpoint.ToString(),
            ForcePathStyle = true,
            AuthenticationRegion = region,
        };
        Client = new AmazonS3Client(new BasicAWSCredentials(accessKey, secretKey), config);
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
