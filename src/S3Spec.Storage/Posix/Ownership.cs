using Microsoft.Win32.SafeHandles;
using S3Spec.Posix;
using S3Spec.Storage.Contract;

namespace S3Spec.Storage.Posix;

/// <summary>Mode and owner of new files and directories (from <see cref="StorageOptions"/>).</summary>
internal sealed class Ownership(StorageOptions options)
{
    private readonly uint? fileMode = string.IsNullOrWhiteSpace(options.FileMode) ? null : Fs.ParseMode(options.FileMode, 0);
    private readonly uint? dirMode = string.IsNullOrWhiteSpace(options.DirectoryMode) ? null : Fs.ParseMode(options.DirectoryMode, 0);

    public uint CreateFileMode => fileMode ?? 0x1B6; // 0666, filtered by the umask

    public uint CreateDirMode => dirMode ?? 0x1FF; // 0777, filtered by the umask

    /// <summary>Applies the configured mode exactly (bypassing the umask) and the configured owner.</summary>
    public void Apply(SafeFileHandle h, bool directory)
    {
        var mode = directory ? dirMode : fileMode;
        if (mode is { } m && Libc.Fchmod(Fs.Fd(h), m) < 0)
        {
            throw FsErrors.Last(FsOp.Write, "fchmod");
        }

        if ((options.OwnerUid is not null || options.OwnerGid is not null)
            && Libc.Fchown(Fs.Fd(h), options.OwnerUid ?? -1, options.OwnerGid ?? -1) < 0)
        {
            throw FsErrors.Last(FsOp.Write, "fchown");
        }
    }
}
