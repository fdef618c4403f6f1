using System.Globalization;

namespace S3Spec.Benchmarks;

/// <summary>
/// Reads a process's managed allocation counter over loopback: S3Spec's `/metrics` on its management port
/// (`s3spec_dotnet_allocated_bytes_total`), or the ceiling process's `/alloc` (a bare number).
/// </summary>
internal static class AllocationCounter
{
    public const string MetricName = "s3spec_dotnet_allocated_bytes_total";

    private static readonly HttpClient Http = LoopbackHttp.Create();

    /// <summary>The counter, or null when the endpoint does not answer or does not export it (an older server).</summary>
    public static async Task<long?> ReadAsync(Uri url, string? metric)
    {
        try
        {
            var text = await Http.GetStringAsync(url);
            if (metric is null)
            {
                return long.Parse(text.Trim(), CultureInfo.InvariantCulture);
            }

            foreach (var line in text.Split('\n'))
            {
                if (line.StartsWith(metric + " ", StringComparison.Ordinal))
                {
                    return (long)double.Parse(line.AsSpan(metric.Length + 1).Trim(), CultureInfo.InvariantCulture);
                }
            }
        }
        catch (HttpRequestException)
        {
        }

        return null;
    }
}
