using System.Reflection;
using S3Spec.Core.Errors;
using S3Spec.Posix;
using S3Spec.Storage.Posix;

namespace S3Spec.Storage.Tests.Posix;

/// <summary>
/// The errno table (docs/storage.md "Errors map"): every errno a filesystem can answer has a deliberate S3 error,
/// none of them a 500; an errno without a row is still a deliberate InternalError naming the errno, never an
/// unhandled exception.
/// </summary>
public sealed class FsErrorsTests
{
    /// <summary>Linux errnos no filesystem call of the storage layer answers (the calls used wrongly, sockets, IPC, STREAMS…).</summary>
    private static readonly int[] NotFromAFilesystem =
    [
        3, 7, 8, 9, 10, 14, 15, 25, 29, 32, 33, 34, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58,
        59, 60, 63, 64, 65, 68, 69, 73, 76, 77, 78, 79, 80, 81, 82, 83, 85, 86, 87, 88, 89, 90, 91, 92, 93, 94, 96, 97,
        98, 99, 106, 109, 114, 115, 118, 119, 120, 130, 131, 132, 133,
    ];

    public static TheoryData<int, string, string, int> Table() => new()
    {
        { Errno.ENOENT, "Read", "NoSuchKey", 404 },
        { Errno.ENOENT, "Volume", "NoSuchBucket", 404 },
        { Errno.ENOENT, "Upload", "NoSuchUpload", 404 },
        { Errno.ENOENT, "Write", "ConditionalRequestConflict", 409 },
        { Errno.ENOTDIR, "Write", "ObjectParentIsFile", 409 },
        { Errno.ENOTDIR, "Read", "NoSuchKey", 404 },
        { Errno.EISDIR, "Write", "ExistingObjectIsDirectory", 409 },
        { Errno.EEXIST, "Write", "ConditionalRequestConflict", 409 },
        { Errno.EACCES, "Read", "AccessDenied", 403 },
        { Errno.EPERM, "Write", "AccessDenied", 403 },
        { Errno.EROFS, "Write", "AccessDenied", 403 },
        { Errno.ENOSPC, "Write", "InsufficientStorage", 507 },
        { Errno.EDQUOT, "Write", "QuotaExceeded", 403 },
        { Errno.EFBIG, "Write", "EntityTooLarge", 400 },
        { Errno.EOVERFLOW, "Read", "EntityTooLarge", 400 },
        { Errno.ENAMETOOLONG, "Write", "KeyTooLongError", 400 },
        { Errno.ELOOP, "Read", "AccessDenied", 403 },
        { Errno.EXDEV, "Read", "AccessDenied", 403 },
        { Errno.ENXIO, "Read", "AccessDenied", 403 },
        { Errno.EINVAL, "Write", "InvalidArgument", 400 },
        { Errno.EILSEQ, "Read", "NoSuchKey", 404 },
        { Errno.EOPNOTSUPP, "Write", "NotImplemented", 501 },
        { Errno.EBUSY, "Write", "OperationAborted", 409 },
        { Errno.ETXTBSY, "Write", "OperationAborted", 409 },
        { Errno.EAGAIN, "Read", "SlowDown", 503 },
        { Errno.EMFILE, "Read", "SlowDown", 503 },
        { Errno.ENFILE, "Read", "SlowDown", 503 },
        { Errno.ENOMEM, "Write", "SlowDown", 503 },
        { Errno.EIO, "Read", "ServiceUnavailable", 503 },
        { Errno.EINTR, "Read", "ServiceUnavailable", 503 },
        { Errno.ENOTCONN, "Read", "ServiceUnavailable", 503 },
        { Errno.ESTALE, "Write", "ServiceUnavailable", 503 },
        { Errno.ETIMEDOUT, "Read", "ServiceUnavailable", 503 },
        { Errno.EHOSTDOWN, "Read", "ServiceUnavailable", 503 },
        { Errno.ECONNABORTED, "Read", "ServiceUnavailable", 503 },
        { Errno.EUCLEAN, "Read", "ServiceUnavailable", 503 },
        { Errno.ELOOP, "Staging", "AccessDenied", 403 },
        { Errno.ENOTDIR, "Staging", "AccessDenied", 403 },
        { PseudoErrno.Reserved, "Read", "AccessDenied", 403 },
        { PseudoErrno.Escapes, "Read", "AccessDenied", 403 },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Each_errno_has_its_deliberate_error(int errno, string op, string code, int status)
    {
        var e = FsErrors.Map(errno, Enum.Parse<FsOp>(op), "test");
        Assert.Equal(code, e.Error.Code);
        Assert.Equal(status, e.Error.Status);
        Assert.NotSame(S3Errors.InternalError, e.Error);
        Assert.Contains($"errno {errno}", e.InnerException!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_errno_a_filesystem_can_answer_is_mapped_and_never_to_a_500()
    {
        var unmapped = new List<int>();
        for (var errno = 1; errno <= 133; errno++)
        {
            foreach (var op in Enum.GetValues<FsOp>())
            {
                var error = FsErrors.Classify(errno, op);
                if (error is null)
                {
                    unmapped.Add(errno);
                    break;
                }

                Assert.NotEqual(500, error.Status);
            }
        }

        Assert.Equal(NotFromAFilesystem, unmapped);
    }

    [Fact]
    public void Every_named_errno_constant_has_a_row_unless_it_is_answered_by_its_caller()
    {
        int[] handledByCallers = [Errno.E2BIG, Errno.EBADF, Errno.EFAULT, Errno.ERANGE];
        foreach (var field in typeof(Errno).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            var errno = (int)field.GetValue(null)!;
            if (!handledByCallers.Contains(errno))
            {
                Assert.True(FsErrors.Classify(errno, FsOp.Read) is not null && FsErrors.Classify(errno, FsOp.Write) is not null, field.Name);
            }
        }
    }

    [Fact]
    public void An_unmapped_errno_is_a_deliberate_InternalError_that_names_it()
    {
        var e = FsErrors.Map(Errno.EBADF, FsOp.Read, "open object");
        Assert.Same(S3Errors.InternalError, e.Error);
        Assert.Equal("open object: errno 9 (unmapped)", e.InnerException!.Message);

        var unknown = FsErrors.Map(9999, FsOp.Write, "write");
        Assert.Same(S3Errors.InternalError, unknown.Error);
        Assert.Contains("errno 9999 (unmapped)", unknown.InnerException!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Managed_io_exceptions_map_by_type_or_errno()
    {
        Assert.Equal("AccessDenied", FsErrors.FromIo(new UnauthorizedAccessException(), FsOp.Write, "write").Error.Code);
        Assert.Equal("InsufficientStorage", FsErrors.FromIo(new IOException("no space", Errno.ENOSPC), FsOp.Write, "write").Error.Code);
        Assert.Equal("ServiceUnavailable", FsErrors.FromIo(new IOException("io", Errno.EIO), FsOp.Read, "read").Error.Code);
        Assert.Equal("ServiceUnavailable", FsErrors.FromIo(new IOException("stale", Errno.ESTALE), FsOp.Read, "read").Error.Code);
        var io = new IOException("original", Errno.ENOTCONN);
        Assert.Same(io, FsErrors.FromIo(io, FsOp.Read, "read").InnerException!.InnerException);
    }
}
