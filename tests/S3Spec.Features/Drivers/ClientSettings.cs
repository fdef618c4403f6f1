namespace S3Spec.Features.Drivers;

/// <summary>
/// How the suite's own SDK client talks to a target that lacks parts of the current protocol: checksums only where
/// an operation requires them (RequestChecksumCalculation/ResponseChecksumValidation WHEN_REQUIRED), and no
/// aws-chunked bodies (UseChunkEncoding false on PutObject and UploadPart). The defaults are the SDK's own.
/// Scenarios about a client's defaults keep them whatever the target (docs/behaviour-suite.md).
/// </summary>
public sealed record ClientSettings(bool ChecksumsWhenRequired, bool ChunkEncoding)
{
    public static ClientSettings Default { get; } = new(ChecksumsWhenRequired: false, ChunkEncoding: true);

    public override string ToString() =>
        this == Default ? "SDK defaults" : $"checksums {(ChecksumsWhenRequired ? "when required" : "when supported")}, chunk encoding {(ChunkEncoding ? "on" : "off")}";
}
