namespace S3Spec.Storage.Maintenance;

/// <summary>Keeps a hash run at or below a byte rate: after each chunk, waits (TimeProvider delay) until the bytes read so far are due.</summary>
internal sealed class HashThrottle(TimeProvider time, long? bytesPerSecond)
{
    private readonly long start = time.GetTimestamp();
    private long bytes;

    public Task WaitAsync(int count, CancellationToken cancellationToken)
    {
        if (bytesPerSecond is not > 0)
        {
            return Task.CompletedTask;
        }

        bytes += count;
        var due = TimeSpan.FromSeconds((double)bytes / bytesPerSecond.Value);
        var elapsed = time.GetElapsedTime(start);
        return due > elapsed ? Task.Delay(due - elapsed, time, cancellationToken) : Task.CompletedTask;
    }
}
