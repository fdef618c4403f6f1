namespace S3Spec.Storage.Tests;

/// <summary>The system clock moved by an adjustable offset.</summary>
internal sealed class ShiftedTime(TimeSpan offset) : TimeProvider
{
    public TimeSpan Offset { get; set; } = offset;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;
}
