namespace S3Spec.Replicas.Tests;

/// <summary>A test that kills a mount's filesystem client: skipped unless S3SPEC_REPLICA_FUSE_PIDS is set (tests/gluster/stage.sh, its last step).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class NodeLossFactAttribute : FactAttribute
{
    public NodeLossFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("S3SPEC_REPLICA_FUSE_PIDS")))
        {
            Skip = "no filesystem clients to kill: set S3SPEC_REPLICA_FUSE_PIDS (tests/gluster/stage.sh does, in a run of its own)";
        }
    }
}
