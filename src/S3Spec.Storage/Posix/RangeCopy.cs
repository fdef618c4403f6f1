using System.Buffers;
using Microsoft.Win32.SafeHandles;
using S3Spec.Core.Errors;

namespace S3Spec.Storage.Posix;

/// <summary>
/// The one read loop over a byte range of a file through the process: one pooled buffer, each chunk handed to a sink
/// in order (a response stream, a temp file, a temp file and a hash). Read errors map to the error table; the sink
/// maps its own; a file shorter than the range (truncated meanwhile) is InternalError.
/// </summary>
internal static class RangeCopy
{
    /// <summary>Receives the chunk read at <c>done</c> bytes into the range.</summary>
    public delegate ValueTask Sink(ReadOnlyMemory<byte> chunk, long done, CancellationToken cancellationToken);

    public static async Task CopyAsync(
        SafeFileHandle source, long offset, long length, int bufferSize, Sink sink, FsOp op, string what, string truncated, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(bufferSize);
        try
        {
            var done = 0L;
            while (done < length)
            {
                var want = (int)Math.Min(bufferSize, length - done);
                int n;
                try
                {
                    n = await RandomAccess.ReadAsync(source, buffer.AsMemory(0, want), offset + done, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (FsErrors.IsIo(e))
                {
                    throw FsErrors.FromIo(e, op, what);
                }

                if (n == 0)
                {
                    throw new S3Exception(S3Errors.InternalError, truncated);
                }

                await sink(buffer.AsMemory(0, n), done, cancellationToken).ConfigureAwait(false);
                done += n;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>A sink writing each chunk to <paramref name="file"/> from <paramref name="offset"/> on (write errors mapped as <paramref name="op"/>).</summary>
    public static Sink ToFile(SafeFileHandle file, long offset, FsOp op, string what) => async (chunk, done, ct) =>
    {
        try
        {
            await RandomAccess.WriteAsync(file, chunk, offset + done, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (FsErrors.IsIo(e))
        {
            throw FsErrors.FromIo(e, op, what);
        }
    };
}
