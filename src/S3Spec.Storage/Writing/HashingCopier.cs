using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;
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
        var write = RangeCopy.ToFile(dst.File, 0, FsOp.Write, "copy part");
        await RangeCopy.CopyAsync(
            src, srcOffset, length, BufferSize, (chunk, done, ct) =>
            {
                md5.AppendData(chunk.Span);
                return write(chunk, done, ct);
            }, FsOp.Write, "copy part", "The source file was truncated while it was being copied.", cancellationToken).ConfigureAwait(false);
        return md5.GetHashAndReset();
    }
}
