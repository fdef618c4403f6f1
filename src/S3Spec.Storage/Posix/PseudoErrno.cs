namespace S3Spec.Storage.Posix;

/// <summary>Answers of the storage's path resolution that are no kernel errno (negative, so they never collide with one).</summary>
internal static class PseudoErrno
{
    /// <summary>The path resolved into the staging folder through a symlink.</summary>
    public const int Reserved = -1000;

    /// <summary>The path resolves through a symlink that leaves the volume.</summary>
    public const int Escapes = -1001;
}
