using System.IO.Pipelines;
using Microsoft.Win32.SafeHandles;
using S3Spec.Core.Errors;
using S3Spec.Storage.Metadata;
using S3Spec.Posix;
using S3Spec.Storage.Contract;
using S3Spec.Storage.Posix;

namespace S3Spec.Storage.Reading;

/// <summary>An opened object: reads with RandomAccess on the held descriptor (the very file the info describes).</summary>
internal sealed class FileObjectReader(SafeFileHandle? file, ObjectInfo info, ObjectRecord? record) : IObjectReader
{
    private const int BufferSize = 128 * 1024;

    /// <summary>Read size into the writer's buffers: large enough to keep the read-ahead busy, small enough to overlap.</summary>
    private const int PipeChunk = 256 * 1024;

    /// <summary>Ranges up to this size are read synchronously: a page-cache hit costs less than a thread-pool hop.</summary>
    private const int SyncReadLimit = 64 * 1024;

    /// <summary>Longer reads ask the kernel for a larger read-ahead window (advice only; its failure changes nothing).</summary>
    private const int SequentialHint = 4 * 1024 * 1024;

    public ObjectInfo Info { get; } = info;

    public SafeFileHandle? File => file;

    /// <summary>The stored record when it matched the file (null: external file or directory).</summary>
    public ObjectRecord? Record { get; } = record;

    public async Task CopyToAsync(Stream destination, long offset, long length, CancellationToken cancellationToken)
    {
        if (length <= 0)
        {
            return;
        }

        var handle = Checked(offset, length);
        await RangeCopy.CopyAsync(
            handle, offset, length, BufferSize, (chunk, _, ct) => destination.WriteAsync(chunk, ct), FsOp.Read, "read object",
            "The file was truncated while it was being read.", cancellationToken).ConfigureAwait(false);
    }

    public async Task CopyToAsync(PipeWriter destination, long offset, long length, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (length <= 0)
        {
            return;
        }

        var handle = Checked(offset, length);
        if (length > SequentialHint)
        {
            _ = Libc.PosixFadvise((int)handle.DangerousGetHandle(), offset, length, Libc.POSIX_FADV_SEQUENTIAL);
        }

        var done = 0L;
        while (done < length)
        {
            var want = (int)Math.Min(PipeChunk, length - done);
            var memory = destination.GetMemory(want);
            if (memory.Length > want)
            {
                memory = memory[..want];
            }

            int n;
            try
            {
                n = length <= SyncReadLimit
                    ? RandomAccess.Read(handle, memory.Span, offset + done)
                    : await RandomAccess.ReadAsync(handle, memory, offset + done, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (FsErrors.IsIo(e))
            {
                throw FsErrors.FromIo(e, FsOp.Read, "read object");
            }

            if (n == 0)
            {
                throw new S3Exception(S3Errors.InternalError, "The file was truncated while it was being read.");
            }

            destination.Advance(n);
            done += n;
            var flushed = await destination.FlushAsync(cancellationToken).ConfigureAwait(false);
            if (flushed.IsCanceled || flushed.IsCompleted)
            {
                cancellationToken.ThrowIfCancellationRequested();
                throw new OperationCanceledException("The response was closed before the object was sent.");
            }
        }
    }

    public void Dispose() => file?.Dispose();

    private SafeFileHandle Checked(long offset, long length) =>
        file is null || offset < 0 || offset + length > Info.Size ? throw new S3Exception(S3Errors.InvalidRange) : file;

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
