using System.Collections.Concurrent;
using System.Net;

namespace S3Spec.Server.Auth;

/// <summary>
/// A token bucket per client address for requests that fail authentication: each failure spends a token, tokens
/// come back at <see cref="PerSecond"/>, and an address with none left is exhausted (its failures are answered
/// SlowDown). Only failures are counted: nothing here ever stops a request that authenticates. Full buckets are
/// forgotten (at most once a second, so a flood from many addresses cannot make every failure walk the table), so
/// memory stays bounded by the addresses currently failing. IPv4-mapped IPv6 addresses count as their IPv4 address.
/// </summary>
internal sealed class FailureBudget(int burst, double perSecond, TimeProvider time)
{
    private const int ForgetAbove = 10_000;
    private readonly ConcurrentDictionary<IPAddress, Bucket> _buckets = new();
    private long _forgotten;

    public int Burst { get; } = burst;

    public double PerSecond { get; } = perSecond;

    /// <summary>
    /// Spends one token of the address for a failed authentication. False when the address had none left: it is
    /// exhausted, and this failure is to be answered SlowDown.
    /// </summary>
    public bool TrySpend(IPAddress? address)
    {
        if (address is null)
        {
            return true;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (_buckets.Count > ForgetAbove)
        {
            Forget();
        }

        var bucket = _buckets.GetOrAdd(address, _ => new Bucket { Tokens = Burst, Updated = time.GetTimestamp() });
        lock (bucket)
        {
            if (Refill(bucket) < 1)
            {
                return false;
            }

            bucket.Tokens--;
            return true;
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
        var now = time.GetTimestamp();
        var last = Interlocked.Read(ref _forgotten);
        if ((last != 0 && time.GetElapsedTime(last, now) < TimeSpan.FromSeconds(1)) || Interlocked.CompareExchange(ref _forgotten, now, last) != last)
        {
            return;
        }

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
