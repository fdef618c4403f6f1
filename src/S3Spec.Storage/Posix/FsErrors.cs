using S3Spec.Core.Errors;
using S3Spec.Posix;

namespace S3Spec.Storage.Posix;

/// <summary>
/// The one place where errno values become S3 errors (the table in docs/storage.md "Errors map"). Every errno a
/// filesystem can answer has a row; an errno without one (a call used wrongly: EBADF, EFAULT, …) is InternalError
/// whose inner exception names it as unmapped, logged with the request by the error middleware.
/// </summary>
internal static class FsErrors
{
    public static S3Exception Map(int errno, FsOp op, string what)
    {
        var error = Classify(errno, op);
        var inner = new IOException(error is null ? $"{what}: errno {errno} (unmapped)" : $"{what}: errno {errno}", errno);
        return new S3Exception(error ?? S3Errors.InternalError, null, inner);
    }

    /// <summary>The S3 error of <paramref name="errno"/> in <paramref name="op"/>; null when the table has no row for it.</summary>
    internal static S3Error? Classify(int errno, FsOp op) => errno switch
    {
        Errno.ENOENT => op switch
        {
            FsOp.Volume => S3Errors.NoSuchBucket,
            FsOp.Upload => S3Errors.NoSuchUpload,
            FsOp.Read => S3Errors.NoSuchKey,

            // A write's missing parent is created and retried (docs/storage.md); one that vanishes on every retry
            // is a directory removed concurrently again and again.
            _ => S3Errors.ConditionalRequestConflict,
        },
        Errno.ENOTDIR => op switch
        {
            FsOp.Volume => S3Errors.NoSuchBucket,
            FsOp.Write => S3Errors.ObjectParentIsFile,
            FsOp.Upload => S3Errors.NoSuchUpload,
            FsOp.Staging => S3Errors.StagingTampered,
            _ => S3Errors.NoSuchKey,
        },
        Errno.EISDIR or Errno.ENOTEMPTY => op is FsOp.Write or FsOp.Staging ? S3Errors.ExistingObjectIsDirectory : S3Errors.NoSuchKey,
        Errno.EEXIST => op is FsOp.Write or FsOp.Staging ? S3Errors.ConditionalRequestConflict : S3Errors.NoSuchKey,
        Errno.EACCES or Errno.EPERM or Errno.EROFS => S3Errors.AccessDenied,
        Errno.ENOSPC => S3Errors.InsufficientStorage,
        Errno.EDQUOT => S3Errors.QuotaExceeded,
        Errno.EFBIG or Errno.EOVERFLOW => S3Errors.EntityTooLarge,
        Errno.EMLINK => S3Errors.InsufficientStorage,
        Errno.ENAMETOOLONG => S3Errors.SegmentTooLong,
        Errno.ELOOP when op == FsOp.Staging => S3Errors.StagingTampered,
        Errno.ELOOP or Errno.EXDEV or PseudoErrno.Escapes => S3Errors.SymlinkOutsideVolume,
        PseudoErrno.Reserved => S3Errors.ReservedName,
        Errno.ENXIO or Errno.ENODEV => S3Errors.NotRegularFile,
        Errno.EINVAL or Errno.EILSEQ => op == FsOp.Read ? S3Errors.NoSuchKey : S3Errors.NameRefusedByVolume,
        Errno.EOPNOTSUPP or Errno.ENOSYS => S3Errors.UnsupportedByVolume,
        Errno.EBUSY or Errno.ETXTBSY => S3Errors.FileBusy,
        Errno.EAGAIN => S3Errors.LookupRaced,
        Errno.EMFILE or Errno.ENFILE or Errno.ENOMEM or Errno.ENOBUFS => S3Errors.ServerResourcesExhausted,
        Errno.EIO or Errno.EINTR or Errno.ENOTCONN or Errno.ESTALE or Errno.ETIMEDOUT or Errno.ETIME or Errno.EHOSTDOWN
            or Errno.EHOSTUNREACH or Errno.ENETDOWN or Errno.ENETUNREACH or Errno.ENETRESET or Errno.ECONNABORTED
            or Errno.ECONNRESET or Errno.ECONNREFUSED or Errno.ESHUTDOWN or Errno.ENOLINK or Errno.ECOMM or Errno.EPROTO or Errno.EREMOTE or Errno.EMULTIHOP
            or Errno.EREMOTEIO or Errno.EUCLEAN or Errno.EBADMSG or Errno.ENOMEDIUM or Errno.EMEDIUMTYPE
            or Errno.EDEADLK or Errno.ENOLCK or Errno.ECANCELED or Errno.ENODATA
            or Errno.ENOKEY or Errno.EKEYEXPIRED or Errno.EKEYREVOKED or Errno.EKEYREJECTED => S3Errors.StorageUnavailable,
        _ => null,
    };

    public static S3Exception Last(FsOp op, string what) => Map(Libc.Errno, op, what);

    /// <summary>
    /// Maps an exception of managed I/O (RandomAccess): its errno, from the exception's type where .NET turns an
    /// errno into one (EACCES/EPERM → UnauthorizedAccessException, ENOENT, ENAMETOOLONG), else from its HResult (the
    /// raw errno on Linux).
    /// </summary>
    public static S3Exception FromIo(Exception e, FsOp op, string what)
    {
        var errno = e switch
        {
            UnauthorizedAccessException => Errno.EACCES,
            FileNotFoundException or DirectoryNotFoundException => Errno.ENOENT,
            PathTooLongException => Errno.ENAMETOOLONG,
            _ => e.HResult & 0xFFFF,
        };
        var mapped = Map(errno, op, what);
        return new S3Exception(mapped.Error, null, new IOException(mapped.InnerException!.Message, e) { HResult = errno });
    }

    /// <summary>True for an error mapped from ESTALE (a path resolved to a file another client replaced or removed).</summary>
    public static bool IsStale(Exception e) => e is S3Exception { InnerException: IOException { HResult: Errno.ESTALE } };

    /// <summary>True for the exceptions <see cref="FromIo"/> maps.</summary>
    public static bool IsIo(Exception e) => e is IOException or UnauthorizedAccessException;
}
