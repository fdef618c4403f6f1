using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Win32.SafeHandles;
using S3Spec.Core.Errors;
using S3Spec.Storage.Metadata;
using S3Spec.Posix;
using S3Spec.Storage.Contract;
using S3Spec.Storage.Posix;

namespace S3Spec.Storage.Maintenance;

/// <summary>
/// Operator command: walks a volume in key order (UTF-8, as listings), and for each regular file without a valid
/// MD5 record (written by another program) computes the MD5 (throttled) and stores a record, only when the file's
/// identity (inode, size, mtime) did not change while it was read. One runner per volume (flock on
/// <c>.s3compat_uploads/.hash.lock</c>); the last finished key is kept in <c>.s3compat_uploads/.hash-progress</c>
/// so that an interrupted run resumes after it.
/// </summary>
internal sealed partial class ExternalHasher(VolumeRegistry volumes, Staging staging, MetadataStore metadata, TimeProvider time, ILogger logger)
{
    public const string LockName = ".hash.lock";
    public const string ProgressName = ".hash-progress";
    private const int BufferSize = 256 * 1024;
    private const int ProgressEveryFiles = 1000;
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(10);

    /// <summary>Test seam: runs after a file's content was hashed and before its identity is checked again.</summary>
    internal Func<string, CancellationToken, Task>? AfterHash { get; set; }

    public async Task<HashReport> RunAsync(string volume, HashOptions options, CancellationToken ct)
    {
        using var vol = volumes.Open(volume);
        using var root = staging.OpenRoot(vol, create: true)!;
        using var runLock = AcquireRunLock(staging, root);
        var resumeAfter = Staging.ReadSmallFile(root, ProgressName) is { } saved ? Encoding.UTF8.GetString(saved) : null;
        var run = new Run(new HashThrottle(time, options.BytesPerSecond), time.GetTimestamp(), resumeAfter);
        try
        {
            using var top = Open(vol.Root, ".") ?? throw new S3Exception(S3Errors.NoSuchBucket);
            await WalkAsync(vol, root, top, "", run, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or S3Exception)
        {
            SaveProgress(root, run);
            throw;
        }

        Fs.TryUnlinkAt(root, ProgressName, false);
        LogFinished(logger, vol.Name, run.Hashed, run.AlreadyKnown, run.Skipped);
        return new HashReport(run.Hashed, run.AlreadyKnown, run.Skipped, resumeAfter is not null);
    }

    private static SafeFileHandle AcquireRunLock(Staging staging, SafeFileHandle root)
    {
        var h = staging.OpenShared(root, LockName);
        var e = Fs.TryFlock(h, Libc.LOCK_EX | Libc.LOCK_NB);
        if (e == 0)
        {
            return h;
        }

        h.Dispose();
        throw e == Errno.EAGAIN ? new S3Exception(S3Errors.OperationAborted) : FsErrors.Map(e, FsOp.Write, "flock hash lock");
    }

    private async Task WalkAsync(Volume vol, SafeFileHandle stagingRoot, SafeFileHandle dir, string prefix, Run run, CancellationToken ct)
    {
        var entries = new List<DirEntry>();
        Fs.TryReadDir(dir, entries, null);
        var items = new List<(string Key, string Name, bool IsDir)>(entries.Count);
        foreach (var entry in entries)
        {
            if (prefix.Length == 0 && string.Equals(entry.Name, ObjectKey.StagingFolder, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var type = entry.Type;
            if (type == Libc.DT_UNKNOWN && Fs.TryStatAt(dir, entry.Name, follow: false, out var st) == 0)
            {
                type = st.IsDirectory ? Libc.DT_DIR : st.IsRegular ? Libc.DT_REG : Libc.DT_UNKNOWN;
            }

            if (type == Libc.DT_DIR)
            {
                items.Add((prefix + entry.Name + "/", entry.Name, true));
            }
            else if (type == Libc.DT_REG)
            {
                items.Add((prefix + entry.Name, entry.Name, false));
            }
        }

        items.Sort(static (a, b) => Utf8Order.Cmp(a.Key, b.Key));
        foreach (var (key, name, isDir) in items)
        {
            ct.ThrowIfCancellationRequested();
            if (run.ResumeAfter is { } after && Utf8Order.Cmp(key, after) <= 0 && !(isDir && after.StartsWith(key, StringComparison.Ordinal)))
            {
                continue; // finished by an earlier run (a directory: its whole subtree sorts before the resume point)
            }

            if (isDir)
            {
                using var sub = Open(dir, name);
                if (sub is not null)
                {
                    await WalkAsync(vol, stagingRoot, sub, key, run, ct).ConfigureAwait(false);
                }

                continue;
            }

            await HashFileAsync(vol, dir, name, key, run, ct).ConfigureAwait(false);
            run.LastDone = key;
            if (++run.SinceSave >= ProgressEveryFiles || time.GetElapsedTime(run.SavedAt) >= ProgressEvery)
            {
                SaveProgress(stagingRoot, run);
            }
        }
    }

    private async Task HashFileAsync(Volume vol, SafeFileHandle dir, string name, string key, Run run, CancellationToken ct)
    {
        if (Fs.TryOpenAt(dir, name, Libc.O_RDONLY | Libc.O_NOFOLLOW | Libc.O_NONBLOCK, 0, out var h) != 0)
        {
            run.Skipped++;
            return;
        }

        using (h)
        {
            var before = Fs.Fstat(h!, FsOp.Read);
            if (!before.IsRegular)
            {
                return;
            }

            ObjectRecord? rec;
            try
            {
                rec = metadata.Read(vol, h!, key, before);
            }
            catch (S3Exception e) when (FsErrors.IsStale(e))
            {
                run.Skipped++; // replaced while opened: whoever replaced it wrote its record
                return;
            }

            if (rec is { ETag.Length: > 0 })
            {
                run.AlreadyKnown++;
                return;
            }

            var md5 = await HashAsync(h!, (long)before.Size, run.Throttle, ct).ConfigureAwait(false);
            if (AfterHash is { } hook)
            {
                await hook(key, ct).ConfigureAwait(false);
            }

            if (md5 is null || !SameIdentity(Fs.Fstat(h!, FsOp.Read), before)
                || Fs.TryStatAt(dir, name, follow: false, out var now) != 0 || !SameIdentity(now, before))
            {
                LogChanged(logger, vol.Name, key);
                run.Skipped++;
                return;
            }

            metadata.Write(vol, h!, key, new ObjectRecord(before.Ino, (long)before.Size, before.MtimeNs, ETags.Hex(md5), rec?.Metadata ?? ObjectMetadata.Empty));
            run.Hashed++;
        }
    }

    /// <summary>The MD5 of the file's <paramref name="size"/> bytes, or null when they could not be read (the caller then skips it).</summary>
    private static async Task<byte[]?> HashAsync(SafeFileHandle file, long size, HashThrottle throttle, CancellationToken ct)
    {
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        try
        {
            await RangeCopy.CopyAsync(file, 0, size, BufferSize, async (chunk, _, token) =>
            {
                md5.AppendData(chunk.Span);
                await throttle.WaitAsync(chunk.Length, token).ConfigureAwait(false);
            }, FsOp.Read, "hash", "The file was truncated while it was being hashed.", ct).ConfigureAwait(false);
            return md5.GetHashAndReset();
        }
        catch (S3Exception)
        {
            return null; // unreadable, or truncated while read
        }
    }

    private static bool SameIdentity(in StatxBuffer a, in StatxBuffer b) => a.Ino == b.Ino && a.Size == b.Size && a.MtimeNs == b.MtimeNs;

    private static SafeFileHandle? Open(SafeFileHandle parent, string name) =>
        Fs.TryOpenAt(parent, name, Libc.O_RDONLY | Libc.O_DIRECTORY | Libc.O_NOFOLLOW, 0, out var h) == 0 ? h : null;

    private void SaveProgress(SafeFileHandle stagingRoot, Run run)
    {
        run.SinceSave = 0;
        run.SavedAt = time.GetTimestamp();
        if (run.LastDone is { } last)
        {
            staging.WriteSmallFile(stagingRoot, ProgressName, Encoding.UTF8.GetBytes(last));
        }
    }

    private sealed class Run(HashThrottle throttle, long savedAt, string? resumeAfter)
    {
        public HashThrottle Throttle { get; } = throttle;

        public string? ResumeAfter { get; } = resumeAfter;

        public string? LastDone { get; set; }

        public long SavedAt { get; set; } = savedAt;

        public int SinceSave { get; set; }

        public int Hashed { get; set; }

        public int AlreadyKnown { get; set; }

        public int Skipped { get; set; }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Volume {Volume}: {Key} changed while it was hashed; it keeps its external ETag")]
    private static partial void LogChanged(ILogger logger, string volume, string key);

    [LoggerMessage(Level = LogLevel.Information, Message = "Volume {Volume}: hash run finished: {Hashed} hashed, {Known} already known, {Skipped} skipped")]
    private static partial void LogFinished(ILogger logger, string volume, int hashed, int known, int skipped);
}
