using Microsoft.Win32.SafeHandles;
using S3Spec.Core.Errors;
using S3Spec.Posix;
using S3Spec.Storage.Posix;

namespace S3Spec.Storage.Writing;

/// <summary>Kernel copy (copy_file_range: reflink or in-kernel, no bytes through the process), else read/write.</summary>
internal static class FileCopier
{
    private const int BufferSize = 256 * 1024;

    public static Task CopyAsync(SafeFileHandle src, SafeFileHandle dst, long dstOffset, long length, CancellationToken cancellationToken) =>
        CopyAsync(src, 0, dst, dstOffset, length, cancellationToken);

    /// <summary>Copies <paramref name="length"/> bytes from <paramref name="srcOffset"/> of the source.</summary>
    public static async Task CopyAsync(SafeFileHandle src, long srcOffset, SafeFileHandle dst, long dstOffset, long length, CancellationToken cancellationToken)
    {
        var srcOff = srcOffset;
        var end = srcOffset + length;
        var dstOff = dstOffset;
        while (srcOff < end)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var chunk = (nuint)Math.Min(end - srcOff, 1L << 30);
            var n = KernelCopy(src, srcOff, dst, dstOff, chunk, out var e);
            if (n < 0)
            {
                if (e is Errno.EXDEV or Errno.ENOSYS or Errno.EINVAL or Errno.EOPNOTSUPP)
                {
                    await CopyPlainAsync(src, srcOff, dst, dstOff, end - srcOff, cancellationToken).ConfigureAwait(false);
                    return;
                }

                if (e == Errno.EINTR)
                {
                    continue;
                }

                throw FsErrors.Map(e, FsOp.Write, "copy_file_range");
            }

            if (n == 0)
            {
                throw new S3Exception(S3Errors.InternalError, "The source file was truncated while it was being copied.");
            }

            srcOff += n;
            dstOff += n;
        }
    }

    private static unsafe nint KernelCopy(SafeFileHandle src, long srcOff, SafeFileHandle dst, long dstOff, nuint length, out int errno)
    {
        var n = Libc.CopyFileRange(Fs.Fd(src), &srcOff, Fs.Fd(dst), &dstOff, length, 0);
        errno = n < 0 ? Libc.Errno : 0;
        return n;
    }

    private static Task CopyPlainAsync(SafeFileHandle src, long srcOff, SafeFileHandle dst, long dstOff, long length, CancellationToken cancellationToken) =>
        RangeCopy.CopyAsync(
            src, srcOff, length, BufferSize, RangeCopy.ToFile(dst, dstOff, FsOp.Write, "copy"), FsOp.Write, "copy",
            "The source file was truncated while it was being copied.", cancellationToken);
}
