namespace S3Spec.Replicas.Tests;

/// <summary>A test through the load balancer: skipped unless S3SPEC_REPLICA_HAPROXY names haproxy (tests/gluster/stage.sh sets it).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BalancerFactAttribute : FactAttribute
{
    public BalancerFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("S3SPEC_REPLICA_HAPROXY")))
        {
            Skip = "no load balancer: set S3SPEC_REPLICA_HAPROXY to the haproxy binary (tests/gluster/stage.sh does)";
        }
    }
}
