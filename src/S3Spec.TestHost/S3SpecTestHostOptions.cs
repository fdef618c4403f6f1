namespace S3Spec.TestHost;

/// <summary>What a <see cref="S3SpecTestHost"/> starts with. Every property has a usable default.</summary>
public sealed class S3SpecTestHostOptions
{
    /// <summary>Volumes (buckets) created in the temporary data root before the start. Default: <c>default</c>.</summary>
    public IList<string> Volumes { get; } = ["default"];

    /// <summary>The main access key (may use every volume). Default: a random one per host.</summary>
    public string AccessKey { get; set; } = "test_" + Guid.NewGuid().ToString("N")[..16];

    /// <summary>The main key's secret. Default: a random one per host.</summary>
    public string SecretKey { get; set; } = Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N");

    /// <summary>More keys, e.g. read-only or limited to some volumes.</summary>
    public IList<S3SpecTestKey> Keys { get; } = [];

    /// <summary>The region clients sign with. Default: us-east-1.</summary>
    public string Region { get; set; } = "us-east-1";

    /// <summary><c>full</c> (default) or <c>runpod</c> (the brief's service exactly: presigned URLs, DeleteObjects and GetBucketLocation refused).</summary>
    public string Profile { get; set; } = "full";

    /// <summary>Further server settings by name (docs/settings.md), e.g. <c>["MaxPutSize"] = "1048576"</c>.</summary>
    public IDictionary<string, string> Settings { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The server's log level (default Warning: the access log, at Information, stays off).</summary>
    public string LogLevel { get; set; } = "Warning";
}
