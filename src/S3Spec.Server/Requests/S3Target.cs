namespace S3Spec.Server.Requests;

/// <summary>
/// What the request addresses, decoded once from the raw request target (never from Kestrel's normalised path,
/// which collapses dot segments): the service (no bucket), a bucket (no key) or an object.
/// </summary>
internal sealed record S3Target(string? Bucket, string? Key, string RawPath, string RawQuery)
{
    public bool IsService => Bucket is null;

    public bool IsObject => Key is not null;

    /// <summary>"/bucket/key" for error bodies and logs.</summary>
    public string Resource => Bucket is null ? "/" : Key is null ? "/" + Bucket : "/" + Bucket + "/" + Key;
}
