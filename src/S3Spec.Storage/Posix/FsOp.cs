namespace S3Spec.Storage.Posix;

/// <summary>What the failing call was doing: the same errno means different S3 errors for a read and a write.</summary>
internal enum FsOp
{
    Read,
    Write,
    Volume,
    Upload,

    /// <summary>Opening a folder of the staging tree (a symlink or file in its place: StagingTampered); otherwise as Write.</summary>
    Staging,
}
