using Microsoft.Win32.SafeHandles;
using S3Spec.Posix;

namespace S3Spec.Storage.Posix;

/// <summary>
/// An opened volume for the span of one operation: a lease on the volume's cached root descriptor (an
/// O_PATH|O_DIRECTORY fd, <see cref="VolumeRoot"/>), held until disposed.
/// </summary>
internal sealed class Volume(string name, VolumeRoot root, Confinement confinement) : IDisposable
{
    private string? realPath;
    private int disposed;

    public string Name { get; } = name;

    public SafeFileHandle Root => root.Handle;

    public VolumeState State => root.State;

    /// <summary>The store's way of confining paths beneath <see cref="Root"/>.</summary>
    public Confinement Confinement { get; } = confinement;

    /// <summary>The absolute path of the volume root as the kernel sees it (for the staging-folder check).</summary>
    public string RealPath => realPath ??= Fs.ReadLinkFd(Root) ?? throw FsErrors.Map(Errno.ENOENT, FsOp.Volume, "readlink volume");

    /// <summary>Ends the lease (once); the descriptor stays open for the next operation unless it was retired.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 0)
        {
            root.Release();
        }
    }
}
