using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Prometheus;
using S3Spec.Storage.Contract;
using S3Spec.Server.Observability;
using S3Spec.Storage;

namespace S3Spec.Server.Tests.Observability;

public sealed class S3MetricsTests
{
    [Fact]
    public async Task AScrapeShowsRequestsVolumeCapacityAndOpenUploads()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.Combine("vol1"));
        var store = new PosixObjectStore(new StorageOptions { DataRoot = dir.Path }, TimeProvider.System, NullLogger<PosixObjectStore>.Instance);
        await store.CreateMultipartUploadAsync("vol1", "big.bin", ObjectMetadata.Empty, "AK", null, CancellationToken.None);
        var registry = Metrics.NewCustomRegistry();
        var metrics = new S3Metrics(store, registry);
        metrics.Requests.WithLabels("PutObject", "200").Inc();

        using var text = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(text);
        var exposition = Encoding.UTF8.GetString(text.ToArray());

        Assert.Contains("s3spec_requests_total{operation=\"PutObject\",status=\"200\"} 1", exposition, StringComparison.Ordinal);
        Assert.Contains("s3spec_multipart_uploads_open{volume=\"vol1\"} 1", exposition, StringComparison.Ordinal);
        Assert.Contains("s3spec_volume_free_bytes{volume=\"vol1\"}", exposition, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecordCountsEachOperationAndStatusAndSumsBytesAndDurations()
    {
        using var dir = new TempDirectory();
        var store = new PosixObjectStore(new StorageOptions { DataRoot = dir.Path }, TimeProvider.System, NullLogger<PosixObjectStore>.Instance);
        var registry = Metrics.NewCustomRegistry();
        var metrics = new S3Metrics(store, registry);
        metrics.Record("GetObject", 200, TimeSpan.FromMilliseconds(2), 0, 4096);
        metrics.Record("GetObject", 200, TimeSpan.FromMilliseconds(3), 0, 100);
        metrics.Record("GetObject", 404, TimeSpan.FromMilliseconds(1), 0, 0);
        metrics.Record("PutObject", 200, TimeSpan.FromMilliseconds(4), 7, 0);

        using var text = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(text);
        var exposition = Encoding.UTF8.GetString(text.ToArray());

        Assert.Contains("s3spec_requests_total{operation=\"GetObject\",status=\"200\"} 2", exposition, StringComparison.Ordinal);
        Assert.Contains("s3spec_requests_total{operation=\"GetObject\",status=\"404\"} 1", exposition, StringComparison.Ordinal);
        Assert.Contains("s3spec_requests_total{operation=\"PutObject\",status=\"200\"} 1", exposition, StringComparison.Ordinal);
        Assert.Contains("s3spec_sent_bytes_total{operation=\"GetObject\"} 4196", exposition, StringComparison.Ordinal);
        Assert.Contains("s3spec_received_bytes_total{operation=\"PutObject\"} 7", exposition, StringComparison.Ordinal);
        Assert.Contains("s3spec_request_duration_seconds_count{operation=\"GetObject\"} 3", exposition, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AScrapeShowsTheManagedBytesAllocatedSoFarAndTheyOnlyGrow()
    {
        using var dir = new TempDirectory();
        var store = new PosixObjectStore(new StorageOptions { DataRoot = dir.Path }, TimeProvider.System, NullLogger<PosixObjectStore>.Instance);
        var registry = Metrics.NewCustomRegistry();
        _ = new S3Metrics(store, registry);

        var before = GC.GetTotalAllocatedBytes();
        var first = await AllocatedAsync(registry);
        var garbage = new byte[1 << 20];
        GC.KeepAlive(garbage);
        var second = await AllocatedAsync(registry);

        Assert.True(first >= before, $"scraped {first}, allocated before the scrape {before}");
        Assert.True(second - first >= 1 << 20, $"1 MiB allocated between scrapes, counter grew by {second - first}");
    }

    private static async Task<double> AllocatedAsync(CollectorRegistry registry)
    {
        using var text = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(text);
        const string Name = "s3spec_dotnet_allocated_bytes_total ";
        var line = Encoding.UTF8.GetString(text.ToArray()).Split('\n').Single(l => l.StartsWith(Name, StringComparison.Ordinal));
        return double.Parse(line[Name.Length..], System.Globalization.CultureInfo.InvariantCulture);
    }
}
