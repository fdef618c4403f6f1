namespace S3Spec.Replicas.Tests;

/// <summary>All replica tests share one cluster of three processes (started once, killed at the end).</summary>
[CollectionDefinition(Name)]
public sealed class ReplicaCollection : ICollectionFixture<ReplicaCluster>
{
    public const string Name = "replicas";
}
