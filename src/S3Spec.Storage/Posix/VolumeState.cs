namespace S3Spec.Storage.Posix;

/// <summary>What the store learned about one volume directory (keyed by name and inode; reset when replaced).</summary>
internal sealed class VolumeState(ulong ino)
{
    public ulong Ino { get; } = ino;

    /// <summary>Sidecar files may exist (the sidecar folder exists or was created), so reads must look there.</summary>
    public bool SidecarSeen { get; set; }

    public bool Housekept { get; set; }
}
