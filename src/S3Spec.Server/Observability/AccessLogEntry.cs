namespace S3Spec.Server.Observability;

/// <summary>One finished S3 request, as the access log records it. Never headers, signatures or secrets.</summary>
internal readonly record struct AccessLogEntry(
    DateTimeOffset Time, string RequestId, string Method, string Operation, string? Volume, string? Key, int Status, long BytesIn, long BytesOut,
    double DurationMs);
