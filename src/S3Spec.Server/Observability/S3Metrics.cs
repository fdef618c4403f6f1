using System.Collections.Concurrent;
using Prometheus;
using S3Spec.Storage.Contract;
using S3Spec.Storage;

namespace S3Spec.Server.Observability;

/// <summary>
/// The server's Prometheus metrics (prometheus-net): requests by operation and status, latency, bytes in and out,
/// requests in flight, the managed heap's allocated bytes, and per volume the used and free bytes and the open multipart uploads (read when scraped).
/// </summary>
internal sealed class S3Metrics
{
    private static readonly double[] LatencyBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    private readonly ConcurrentDictionary<string, OperationSeries> _operations = new(StringComparer.Ordinal);

    public S3Metrics(IObjectStore store, CollectorRegistry registry, AccessLog? accessLog = null)
    {
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        Requests = factory.CreateCounter("s3spec_requests_total", "S3 requests by operation and HTTP status.", "operation", "status");
        Latency = factory.CreateHistogram("s3spec_request_duration_seconds", "S3 request duration by operation.",
            new HistogramConfiguration { LabelNames = ["operation"], Buckets = LatencyBuckets });
        BytesIn = factory.CreateCounter("s3spec_received_bytes_total", "Request body bytes received, by operation.", "operation");
        BytesOut = factory.CreateCounter("s3spec_sent_bytes_total", "Response body bytes sent, by operation.", "operation");
        InFlight = factory.CreateGauge("s3spec_requests_in_flight", "S3 requests being served.");
        var used = factory.CreateGauge("s3spec_volume_used_bytes", "Bytes used on a volume (see docs/storage.md for exactness).", "volume");
        var free = factory.CreateGauge("s3spec_volume_free_bytes", "Bytes still free on a volume (quota or filesystem).", "volume");
        var uploads = factory.CreateGauge("s3spec_multipart_uploads_open", "Multipart uploads staged and not yet completed or aborted (counted up to 1000 per volume).", "volume");
        var dropped = factory.CreateGauge("s3spec_access_log_dropped_total", "Access-log lines dropped because the log output could not keep up.");
        var allocated = factory.CreateCounter("s3spec_dotnet_allocated_bytes_total", "Bytes allocated on the managed heap since the process started (GC.GetTotalAllocatedBytes).");
        registry.AddBeforeCollectCallback(async cancellationToken =>
        {
            dropped.Set(accessLog?.Dropped ?? 0);
            allocated.IncTo(GC.GetTotalAllocatedBytes());
            foreach (var volume in store.ListVolumes())
            {
                var usage = store.GetVolumeUsage(volume.Name);
                used.WithLabels(volume.Name).Set(usage.UsedBytes);
                free.WithLabels(volume.Name).Set(usage.FreeBytes);
                var open = await store.ListMultipartUploadsAsync(volume.Name, new ListUploadsRequest(), cancellationToken);
                uploads.WithLabels(volume.Name).Set(open.Uploads.Count);
            }
        });
    }

    public Counter Requests { get; }

    public Histogram Latency { get; }

    public Counter BytesIn { get; }

    public Counter BytesOut { get; }

    public Gauge InFlight { get; }

    /// <summary>Counts one finished request: by operation and status, its duration, and its bytes in and out.</summary>
    public void Record(string operation, int status, TimeSpan elapsed, long bytesIn, long bytesOut)
    {
        var series = _operations.TryGetValue(operation, out var found) ? found : _operations.GetOrAdd(operation, op => new OperationSeries(this, op));
        series.Requests(status).Inc();
        series.Latency.Observe(elapsed.TotalSeconds);
        series.BytesIn.Inc(bytesIn);
        series.BytesOut.Inc(bytesOut);
    }
}
