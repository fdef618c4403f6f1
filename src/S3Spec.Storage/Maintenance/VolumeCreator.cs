using S3Spec.Core.Errors;
using S3Spec.Posix;
using S3Spec.Storage.Contract;
using S3Spec.Storage.Posix;

namespace S3Spec.Storage.Maintenance;

/// <summary>Creates volume directories with the configured directory mode and owner (as every directory S3Spec makes).</summary>
internal sealed class VolumeCreator(StorageOptions options, Ownership ownership)
{
    /// <summary>True when created; false when something of that name exists (also a dangling link).</summary>
    public bool Create(string volume, bool createDataRoot)
    {
        if (!BucketName.IsValid(volume))
        {
            throw new S3Exception(S3Errors.InvalidBucketName);
        }

        var root = Path.GetFullPath(options.DataRoot);
        if (createDataRoot)
        {
            Directory.CreateDirectory(root);
        }

        var e = Fs.TryOpenAtPath(root, out var dataRoot);
        if (e != 0)
        {
            throw e is Errno.ENOENT or Errno.ENOTDIR ? new S3Exception(S3Errors.NoSuchBucket, $"The data root '{root}' does not exist.") : FsErrors.Map(e, FsOp.Volume, "open data root");
        }

        using (dataRoot)
        {
            e = Fs.TryMkdirAt(dataRoot!, volume, ownership.CreateDirMode);
            if (e == Errno.EEXIST)
            {
                return false;
            }

            if (e != 0)
            {
                throw FsErrors.Map(e, FsOp.Volume, "mkdir volume");
            }

            e = Fs.TryOpenAt(dataRoot!, volume, Libc.O_RDONLY | Libc.O_DIRECTORY | Libc.O_NOFOLLOW, 0, out var dir);
            if (e != 0)
            {
                throw FsErrors.Map(e, FsOp.Volume, "open new volume");
            }

            using (dir)
            {
                ownership.Apply(dir!, directory: true);
            }

            Libc.Fsync(Fs.Fd(dataRoot!));
            return true;
        }
    }
}
