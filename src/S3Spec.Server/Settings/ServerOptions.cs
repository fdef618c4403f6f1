namespace S3Spec.Server.Settings;

/// <summary>Settings of the HTTP front (section "S3Spec").</summary>
internal sealed class ServerOptions
{
    /// <summary>"full" (default) or "runpod" (see <see cref="ServerProfile"/>).</summary>
    public string Profile { get; set; } = "full";

    /// <summary>
    /// Base domain for virtual-hosted-style addressing: a request to VOLUME.&lt;BaseDomain&gt; addresses that volume.
    /// Null: path style only (always served).
    /// </summary>
    public string? BaseDomain { get; set; }

    /// <summary>Management listener for /metrics, /healthz and /readyz, e.g. "http://127.0.0.1:9001" (an explicit port). Null: off.</summary>
    public string? ManagementUrl { get; set; }

    /// <summary>"simple" (default, for people) or "json" (structured, one object per line, for collectors).</summary>
    public string LogFormat { get; set; } = "simple";

    /// <summary>Requests failing authentication an address may send at once before it is answered SlowDown.</summary>
    public int UnauthenticatedBurst { get; set; } = 200;

    /// <summary>How fast an address regains failed-authentication allowance, per second.</summary>
    public double UnauthenticatedPerSecond { get; set; } = 20;

    /// <summary>
    /// Comma-separated addresses and CIDR networks of trusted proxies: only from them is X-Forwarded-For taken as the
    /// client address (Hosting/TrustedProxies). Null or empty: none.
    /// </summary>
    public string? TrustedProxies { get; set; }

    /// <summary>On SIGTERM, in-flight requests get this long to finish before the process exits.</summary>
    public int ShutdownTimeoutSeconds { get; set; } = 30;

    /// <summary>
    /// Once listening, write the connection variables (AWS_ENDPOINT_URL, AWS_ACCESS_KEY_ID, ... as KEY=VALUE lines,
    /// mode 0600) to this file, for test fixtures. Null: none.
    /// </summary>
    public string? ConnectionFile { get; set; }

    /// <summary>Print the connection block once listening (false: only <see cref="ConnectionFile"/>, e.g. in a test process).</summary>
    public bool ConnectionBlock { get; set; } = true;

    /// <summary>A request body that sends nothing for this long is ended with 400 RequestTimeout. Zero: off.</summary>
    public TimeSpan RequestBodyIdleTimeout { get; set; } = TimeSpan.FromSeconds(20);
}
