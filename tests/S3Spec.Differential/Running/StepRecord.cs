using S3Spec.Differential.Comparison;
using S3Spec.Differential.Execution;
using S3Spec.Differential.Model;

namespace S3Spec.Differential.Running;

/// <summary>One step as run: what each server was sent, what each answered (normalised), and how the differences were judged.</summary>
internal sealed record StepRecord(
    int Index,
    Step Step,
    Outcome S3Spec,
    Outcome Moto,
    IReadOnlyList<Difference> Differences,
    IReadOnlyList<Divergence> Declared,
    IReadOnlyList<Difference> Unexplained)
{
    public bool Failed => Unexplained.Count > 0;

    /// <summary>What identifies a finding across shrinking: the operation and the first field it differs on.</summary>
    public string Signature => $"{Step.Op}:{Unexplained.FirstOrDefault()?.Field}";
}

/// <summary>A sequence's run: its steps as run, and the first step with an undeclared difference, if any.</summary>
internal sealed record SequenceResult(string Name, IReadOnlyList<Step> Steps, IReadOnlyList<StepRecord> Records)
{
    public StepRecord? Failure => Records.FirstOrDefault(r => r.Failed);
}
