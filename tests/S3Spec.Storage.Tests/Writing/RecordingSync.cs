using System.Collections.Concurrent;
using Microsoft.Win32.SafeHandles;
using S3Spec.Posix;
using S3Spec.Storage.Posix;
using S3Spec.Storage.Writing;

namespace S3Spec.Storage.Tests.Writing;

/// <summary>
/// An <see cref="ISyncPrimitive"/> that records every fsync on one logical clock: the inode, for a directory the
/// names (and their inodes) it held when the fsync started, the start and end ticks, the errno. Each fsync is made
/// slower by <see cref="Delay"/> (so that concurrent writers overlap); armed failures answer EIO instead of syncing.
/// </summary>
internal sealed class RecordingSync : ISyncPrimitive
{
    private long clock;
    private int failDirectories;
    private int failFiles;

    public TimeSpan Delay { get; init; } = TimeSpan.FromMilliseconds(3);

    public ConcurrentQueue<Flush> Flushes { get; } = new();

    public long Tick() => Interlocked.Increment(ref clock);

    /// <summary>The next <paramref name="count"/> fsyncs of directories answer EIO.</summary>
    public void FailDirectories(int count) => Volatile.Write(ref failDirectories, count);

    /// <summary>The next <paramref name="count"/> fsyncs of files answer EIO.</summary>
    public void FailFiles(int count) => Volatile.Write(ref failFiles, count);

    public int Fsync(SafeFileHandle handle)
    {
        var st = Fs.Fstat(handle, FsOp.Write);
        var names = st.IsDirectory ? Entries(handle) : null;
        var start = Tick();
        Thread.Sleep(Delay);
        var fail = st.IsDirectory ? Interlocked.Decrement(ref failDirectories) >= 0 : Interlocked.Decrement(ref failFiles) >= 0;
        var e = fail ? Errno.EIO : LibcSync.Instance.Fsync(handle);
        Flushes.Enqueue(new Flush(st.IsDirectory, st.Ino, names, start, Tick(), e));
        return e;
    }

    private static Dictionary<string, ulong> Entries(SafeFileHandle dir)
    {
        var entries = new List<DirEntry>();
        Fs.TryReadDir(dir, entries, null);
        var names = new Dictionary<string, ulong>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (Fs.TryStatAt(dir, entry.Name, follow: false, out var st) == 0)
            {
                names[entry.Name] = st.Ino;
            }
        }

        return names;
    }

    /// <summary>One fsync: <see cref="Names"/> (directories) as they were before <see cref="Start"/>.</summary>
    internal sealed record Flush(bool Directory, ulong Ino, IReadOnlyDictionary<string, ulong>? Names, long Start, long End, int Errno);
}
