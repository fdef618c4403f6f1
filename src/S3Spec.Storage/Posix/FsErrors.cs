using S3Spec.Core.Errors;
using S3Spec.Storage.Native;

namespace S3Spec.Storage.Posix;

/// <summary>The one place where errno values become S3 errors.</summary>
internal static class FsErrors
{
    public static S3Exception Map(int errno, FsOp op, string what)
    {
        var inner = new IOException($"{what}: errno {errno}");
        var error = errno switch
        {
            Errno.ENOENT => op switch
            {
                FsOp.Volume => S3Errors.NoSuchBucket,
                FsOp.Upload => S3Errors.NoSuchUpload,
                FsOp.Read => S3Errors.NoSuchKey,
                _ => S3Errors.InternalError,
            },
            Errno.ENOTDIR => op switch
            {
                FsOp.Volume => S3Errors.NoSuchBucket,
                FsOp.Write => S3Errors.ObjectParentIsFile,
                FsOp.Upload => S3Errors.NoSuchUpload,
                _ => S3Errors.NoSuchKey,
            },
            Errno.EISDIR or Errno.ENOTEMPTY => op == FsOp.Write ? S3Errors.ExistingObjectIsDirectory : S3Errors.NoSuchKey,
            Errno.EACCES or Errno.EPERM or Errno.EROFS => S3Errors.AccessDenied,
            Errno.ENOSPC => S3Errors.InsufficientStorage,
            Errno.EDQUOT => S3Errors.QuotaExceeded,
            Errno.EFBIG => S3Errors.EntityTooLarge,
            Errno.ENAMETOOLONG => S3Errors.SegmentTooLong,
            Errno.ELOOP or Errno.EXDEV or Errno.Escapes => S3Errors.SymlinkOutsideVolume,
            Errno.Reserved => S3Errors.ReservedName,
            Errno.ENXIO => S3Errors.NotRegularFile,
            _ => S3Errors.InternalError,
        };
        return new S3Exception(error, null, inner);
    }

    public static S3Exception Last(FsOp op, string what) => Map(Libc.Errno, op, what);

    /// <summary>Maps an <see cref="IOException"/> from managed I/O (RandomAccess) by its HResult errno.</summary>
    public static S3Exception FromIo(IOException e, FsOp op, string what)
    {
        var errno = e.HResult & 0xFFFF;
        return errno is Errno.ENOSPC or Errno.EDQUOT or Errno.EFBIG or Errno.EACCES or Errno.EPERM or Errno.EROFS
            ? Map(errno, op, what)
            : new S3Exception(S3Errors.InternalError, null, e);
    }
}
