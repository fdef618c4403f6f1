using System.Buffers;
using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;
using S3Spec.Core.Errors;
using S3Spec.Storage.Capacity;
using S3Spec.Storage.Contract;
using S3Spec.Storage.Posix;

namespace S3Spec.Storage.Writing;

/// <summary>Streams a request body into a temp file with pooled buffers, computing its MD5 on the way.</summary>
internal static class BodyReceiver
{
    private const int BufferSize = 256 * 1024;

    /// <summary>
    /// Streams the body into <paramref name="file"/> from <paramref name="baseOffset"/> on (a placed part writes into
    /// its region of the upload's data file), never past the declared length (the caller fsyncs it). Answers (size, md5). Throws IncompleteBody, EntityTooLarge, BadDigest; <paramref name="space"/>
    /// follows the running byte count (InsufficientStorage over the quota).
    /// </summary>
    public static async Task<(long Size, byte[] Md5)> ReceiveAsync(
        SafeFileHandle file, long baseOffset, Stream body, PutObjectOptions options, long maxSize, SpaceReservation? space, CancellationToken cancellationToken)
    {
        if (options.ContentLength is { } declared && declared > maxSize)
        {
            throw new S3Exception(S3Errors.EntityTooLarge);
        }

        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        long total = 0;
        try
        {
            while (true)
            {
                // A socket read returns what has arrived (often ~10 KiB); filling the buffer first makes one write and
                // one hash update per 256 KiB instead of per arrival (system calls are the dear part on small VMs).
                var n = await body.ReadAtLeastAsync(buffer.AsMemory(0, BufferSize), BufferSize, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
                if (n == 0)
                {
                    break;
                }

                total += n;
                if (total > maxSize)
                {
                    throw new S3Exception(S3Errors.EntityTooLarge);
                }

                if (options.ContentLength is { } len && total > len)
                {
                    throw new S3Exception(S3Errors.IncompleteBody, "The body is longer than the declared Content-Length.");
                }

                space?.Grow(total);
                md5.AppendData(buffer, 0, n);
                await WriteAsync(file, buffer.AsMemory(0, n), baseOffset + total - n, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        if (options.ContentLength is { } expected && total != expected)
        {
            throw new S3Exception(S3Errors.IncompleteBody);
        }

        var digest = md5.GetHashAndReset();
        if (options.ContentMd5 is { } given && !CryptographicOperations.FixedTimeEquals(given.Span, digest))
        {
            throw new S3Exception(S3Errors.BadDigest);
        }

        return (total, digest);
    }

    public static async ValueTask WriteAsync(SafeFileHandle file, ReadOnlyMemory<byte> data, long offset, CancellationToken cancellationToken)
    {
        try
        {
            await RandomAccess.WriteAsync(file, data, offset, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (FsErrors.IsIo(e))
        {
            throw FsErrors.FromIo(e, FsOp.Write, "write");
        }
    }
}
