using System.Collections.Concurrent;
using System.Globalization;
using Prometheus;

namespace S3Spec.Server.Observability;

/// <summary>
/// The labelled series of one operation, looked up once instead of on every request (a label lookup hashes the
/// label values and allocates them). Operations and HTTP statuses are both small, fixed sets.
/// </summary>
internal sealed class OperationSeries(S3Metrics metrics, string operation)
{
    private readonly ConcurrentDictionary<int, Counter.Child> _requests = new();

    public Histogram.Child Latency { get; } = metrics.Latency.WithLabels(operation);

    public Counter.Child BytesIn { get; } = metrics.BytesIn.WithLabels(operation);

    public Counter.Child BytesOut { get; } = metrics.BytesOut.WithLabels(operation);

    public Counter.Child Requests(int status) =>
        _requests.TryGetValue(status, out var child) ? child
        : _requests.GetOrAdd(status, s => metrics.Requests.WithLabels(operation, s.ToString(CultureInfo.InvariantCulture)));
}
