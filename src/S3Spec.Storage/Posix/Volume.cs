using Microsoft.Win32.SafeHandles;
using S3Spec.Posix;

namespace S3Spec.Storage.Posix;

/// <summary>An opened volume for the span of one operation: the root held as an O_PATH|O_DIRECTORY fd.</summary>
internal sealed class Volume(string name, SafeFileHandle root, VolumeState state, Confinement confinement) : IDisposable
{
    private string? realPath;

    public string Name { get; } = name;

    public SafeFileHandle Root { get; } = root;

    public VolumeState State { get; } = state;

    /// <summary>The store's way of confining paths beneath <see cref="Root"/>.</summary>
    public Confinement Confinement { get; } = confinement;

    /// <summary>The absolute path of the volume root as the kernel sees it (for the staging-folder check).</summary>
    public string RealPath => realPath ??= Fs.ReadLinkFd(Root) ?? throw FsErrors.Map(Errno.ENOENT, FsOp.Volume, "readlink volume");

    public void Dispose() => Root.Dispose();
}
