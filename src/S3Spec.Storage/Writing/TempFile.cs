using Microsoft.Win32.SafeHandles;
using S3Spec.Storage.Posix;

namespace S3Spec.Storage.Writing;

/// <summary>A file being written in <c>.s3compat_uploads/.tmp</c>; disposing it unlinks it unless it was published.</summary>
internal sealed class TempFile(SafeFileHandle dir, SafeFileHandle file, string name) : IDisposable
{
    public SafeFileHandle Dir { get; } = dir;

    public SafeFileHandle File { get; } = file;

    public string Name { get; } = name;

    public bool Published { get; set; }

    /// <summary>Not unlinked when disposed unpublished (a file adopted from an upload stays there).</summary>
    public bool KeepUnpublished { get; init; }

    public void Dispose()
    {
        File.Dispose();
        if (!Published && !KeepUnpublished)
        {
            Fs.TryUnlinkAt(Dir, Name, false);
        }

        Dir.Dispose();
    }
}
