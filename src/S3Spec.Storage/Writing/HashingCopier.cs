using System.Buffers;
using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;
using S3Spec.Core.Errors;
using S3Spec.Storage.Posix;

namespace S3Spec.Storage.Writing;

/// <summary>
/// Copies a byte range through the process with one pooled 256 KiB buffer, computing its MD5 on the way
/// (UploadPartCopy: the part's ETag needs the MD5, so the bytes are read once instead of kernel copy + re-read).
/// </summary>
internal static class HashingCopier
{
    private const int BufferSize = 256 * 1024;

    public static async Task<byte[]> CopyAsync(SafeFileHandle src, long srcOffset, long length, TempFile dst, CancellationToken cancellationToken)
    {
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            var done = 0L;
            while (done < length)
            {
                var want = (int)Math.Min(BufferSize, length - done);
                var n = await RandomAccess.ReadAsync(src, buffer.AsMemory(0, want), srcOffset + done, cancellationToken).ConfigureAwait(false);
                if (n == 0)
                {
                    throw new S3Exception(S3Errors.InternalError, "The source file was truncated while it was being copied.");
                }

                md5.AppendData(buffer, 0, n);
                await RandomAccess.WriteAsync(dst.File, buffer.AsMemory(0, n), done, cancellationToken).ConfigureAwait(false);
                done += n;
            }
        }
        catch (Exception e) when (FsErrors.IsIo(e))
        {
            throw FsErrors.FromIo(e, FsOp.Write, "copy part");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return md5.GetHashAndReset();
    }
}
