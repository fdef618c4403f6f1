using DotNet.Testcontainers.Configurations;
using DotNet.Testcontainers.Containers;

namespace S3Spec.Testcontainers;

/// <summary>Ready once the S3 endpoint answers HTTP (an unsigned request gets 403).</summary>
internal sealed class UntilS3Answers : IWaitUntil
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(2) };

    public async Task<bool> UntilAsync(IContainer container)
    {
        var s3 = (S3SpecContainer)container;
        try
        {
            using var response = await Http.GetAsync(s3.Endpoint).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }

        return true;
    }
}
