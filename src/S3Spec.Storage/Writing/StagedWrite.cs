using Microsoft.Win32.SafeHandles;
using S3Spec.Storage.Capacity;
using S3Spec.Storage.Contract;
using S3Spec.Storage.Posix;

namespace S3Spec.Storage.Writing;

/// <summary>
/// One write through the staging folder, the same for PutObject, CopyObject, UploadPart, UploadPartCopy and Complete:
/// the capacity reservation, the temp file (created on first use), the bytes received with their MD5 or copied, then
/// published by the caller (object or part) with <see cref="Commit"/> of the accounting; disposing without a publish
/// discards the temp file and releases the reservation. Not thread-safe: one writer.
/// </summary>
internal sealed class StagedWrite : IDisposable
{
    private readonly Staging staging;
    private readonly Volume vol;
    private readonly SpaceReservation space;
    private readonly Durability durability;
    private TempFile? temp;

    internal StagedWrite(Staging staging, Volume vol, SpaceReservation space, Durability durability, TempFile? adopted = null)
    {
        this.staging = staging;
        this.vol = vol;
        this.space = space;
        this.durability = durability;
        temp = adopted;
    }

    /// <summary>The temp file the bytes go to (in <c>.tmp</c> of the staging folder, or a file adopted from an upload).</summary>
    public TempFile Temp => temp ??= NewTemp();

    /// <summary>Pre-check of a known length: InsufficientStorage (quota or disk) before any temp file exists.</summary>
    public void Require(long length) => space.Require(length);

    /// <summary>Reserves <paramref name="total"/> bytes against the quota only (the disk's free space is not pre-checked).</summary>
    public void Grow(long total) => space.Grow(total);

    /// <summary>Receives the body into the temp file (fsynced at the end): answers (size, MD5).</summary>
    public Task<(long Size, byte[] Md5)> ReceiveAsync(Stream body, PutObjectOptions options, long maxSize, CancellationToken cancellationToken) =>
        ReceiveAsync(Temp.File, 0, body, options, maxSize, cancellationToken);

    /// <summary>Receives the body into <paramref name="file"/> from <paramref name="offset"/> on (a placed part's region) instead of a temp file, then fsyncs it.</summary>
    public async Task<(long Size, byte[] Md5)> ReceiveAsync(SafeFileHandle file, long offset, Stream body, PutObjectOptions options, long maxSize, CancellationToken cancellationToken)
    {
        var received = await BodyReceiver.ReceiveAsync(file, offset, body, options, maxSize, space, cancellationToken).ConfigureAwait(false);
        await durability.FileAsync(file).ConfigureAwait(false);
        return received;
    }

    /// <summary>fsyncs the temp file.</summary>
    public ValueTask FlushAsync() => durability.FileAsync(Temp.File);

    /// <summary>Copies a byte range of <paramref name="source"/> to <paramref name="offset"/> of the temp file (kernel copy where possible).</summary>
    public Task CopyAsync(SafeFileHandle source, long sourceOffset, long offset, long length, CancellationToken cancellationToken) =>
        FileCopier.CopyAsync(source, sourceOffset, Temp.File, offset, length, cancellationToken);

    /// <summary>Copies a byte range of <paramref name="source"/> into the temp file through the process, answering its MD5.</summary>
    public Task<byte[]> CopyHashingAsync(SafeFileHandle source, long sourceOffset, long length, CancellationToken cancellationToken) =>
        HashingCopier.CopyAsync(source, sourceOffset, length, Temp, cancellationToken);

    /// <summary>The temp file was published: <paramref name="size"/> bytes are now used and <paramref name="freed"/> (what it replaced) are not.</summary>
    public void Commit(long size, long freed) => space.Commit(size, freed);

    public void Dispose()
    {
        temp?.Dispose();
        space.Dispose();
    }

    private TempFile NewTemp()
    {
        var dir = staging.OpenTmp(vol);
        try
        {
            return new TempFile(dir, staging.CreateFile(dir, out var name), name);
        }
        catch
        {
            dir.Dispose();
            throw;
        }
    }
}
