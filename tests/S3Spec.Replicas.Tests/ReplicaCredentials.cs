namespace S3Spec.Replicas.Tests;

/// <summary>The one key every replica is started with, and the region they serve.</summary>
internal sealed record ReplicaCredentials(string AccessKey, string SecretKey, string Region)
{
    public static ReplicaCredentials Default { get; } = new("K", "S", "eu-ro-1");
}
