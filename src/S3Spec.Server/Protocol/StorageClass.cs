namespace S3Spec.Server.Protocol;

/// <summary>Volumes have one storage class: every object is STANDARD, and a request for another is refused.</summary>
internal static class StorageClass
{
    public const string Standard = "STANDARD";
}
