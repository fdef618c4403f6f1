using System.Collections.Concurrent;
using System.Net;

namespace S3Spec.Server.Auth;

/// <summary>
/// A token bucket per client address for requests that fail authentication: each failure spends a token, tokens
/// come back at <see cref="PerSecond"/>, and an address with none left is answered SlowDown before any signature
/// work. Full buckets are forgotten, so memory stays bounded by the addresses currently failing.
/// </summary>
internal sealed class FailureBudget(int burst, double perSecond, TimeProvider time)
{
    private const int ForgetAbove = 10_000;
    private readonly ConcurrentDictionary<IPAddress, Bucket> _buckets = new();

    public int Burst { get; } = burst;

    public double PerSecond { get; } = perSecond;

    /// <summary>True when the address may try (again).</summary>
    public bool MayTry(IPAddress? address)
    {
        if (address is null || !_buckets.TryGetValue(address, out var bucket))
        {
            return true;
        }

        lock (bucket)
        {
            return Refill(bucket) >= 1;
        }
    }

    /// <summary>Spends one token of the address for a failed authentication.</summary>
    public void Failed(IPAddress? address)
    {
        if (address is null)
        {
            return;
        }

        if (_buckets.Count > ForgetAbove)
        {
            Forget();
        }

        var bucket = _buckets.GetOrAdd(address, _ => new Bucket { Tokens = Burst, Updated = time.GetTimestamp() });
        lock (bucket)
        {
            bucket.Tokens = Math.Max(0, Refill(bucket) - 1);
        }
    }

    private double Refill(Bucket bucket)
    {
        var now = time.GetTimestamp();
        bucket.Tokens = Math.Min(Burst, bucket.Tokens + (time.GetElapsedTime(bucket.Updated, now).TotalSeconds * PerSecond));
        bucket.Updated = now;
        return bucket.Tokens;
    }

    private void Forget()
    {
        foreach (var (address, bucket) in _buckets)
        {
            lock (bucket)
            {
                if (Refill(bucket) >= Burst)
                {
                    _buckets.TryRemove(address, out _);
                }
            }
        }
    }

    private sealed class Bucket
    {
        public double Tokens { get; set; }

        public long Updated { get; set; }
    }
}
