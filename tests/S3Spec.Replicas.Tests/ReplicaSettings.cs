namespace S3Spec.Replicas.Tests;

/// <summary>The settings every replica of the cluster is started with.</summary>
internal static class ReplicaSettings
{
    /// <summary>Directories of at least this many entries keep listing snapshots (the shipped 4096 would need large test directories).</summary>
    public const int ListingCacheMinEntries = 16;

    public static IReadOnlyDictionary<string, string> For(bool behindBalancer)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ListingCacheMinEntries"] = ListingCacheMinEntries.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (behindBalancer)
        {
            // The balancer runs on this machine's loopback: its X-Forwarded-For names the client.
            settings["TrustedProxies"] = "127.0.0.1";
        }

        return settings;
    }
}
