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

    public void Dispose()
    {
        File.Dispose();
        if (!Published)
        {
            Fs.TryUnlinkAt(Dir, Name, false);
        }

        Dir.Dispose();
    }
}
