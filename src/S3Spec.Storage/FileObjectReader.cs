using System.Buffers;
using Microsoft.Win32.SafeHandles;
using S3Spec.Core.Errors;

namespace S3Spec.Storage;

/// <summary>An opened object: reads with RandomAccess on the held descriptor (the very file the info describes).</summary>
internal sealed class FileObjectReader(SafeFileHandle? file, ObjectInfo info, Metadata.ObjectRecord? record) : IObjectReader
{
    private const int BufferSize = 128 * 1024;

    public ObjectInfo Info { get; } = info;

    public SafeFileHandle? File => file;

    /// <summary>The stored record when it matched the file (null: external file or directory).</summary>
    public Metadata.ObjectRecord? Record { get; } = record;

    public async Task CopyToAsync(Stream destination, long offset, long length, CancellationToken cancellationToken)
    {
        if (length <= 0)
        {
            return;
        }

        if (file is null || offset < 0 || offset + length > Info.Size)
        {
            throw new S3Exception(S3Errors.InvalidRange);
        }

        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            var done = 0L;
            while (done < length)
            {
                var want = (int)Math.Min(BufferSize, length - done);
                var n = await RandomAccess.ReadAsync(file, buffer.AsMemory(0, want), offset + done, cancellationToken).ConfigureAwait(false);
                if (n == 0)
                {
                    throw new S3Exception(S3Errors.InternalError, "The file was truncated while it was being read.");
                }

                await destination.WriteAsync(buffer.AsMemory(0, n), cancellationToken).ConfigureAwait(false);
                done += n;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public void Dispose() => file?.Dispose();

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
