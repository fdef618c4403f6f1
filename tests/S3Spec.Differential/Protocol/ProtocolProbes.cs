using S3Spec.Differential.Servers;

namespace S3Spec.Differential.Protocol;

/// <summary>Placeholder.</summary>
internal sealed class ProtocolProbes(Harness harness)
{
    public Task<ProtocolReport> RunAsync(CancellationToken cancellationToken)
    {
        _ = harness;
        _ = cancellationToken;
        return Task.FromResult(new ProtocolReport());
    }
}

internal sealed class ProtocolReport
{
    public List<string> Failures { get; } = [];
}
