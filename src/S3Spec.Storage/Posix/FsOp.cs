namespace S3Spec.Storage.Posix;

/// <summary>What the failing call was doing: the same errno means different S3 errors for a read and a write.</summary>
internal enum FsOp
{
    Read,
    Write,
    Volume,
    Upload,
}
