using Microsoft.Win32.SafeHandles;
using S3Spec.Posix;
using S3Spec.Storage.Posix;

namespace S3Spec.Storage.Writing;

/// <summary>
/// Group commit of fsyncs without a timer (docs/storage.md "Group commit"). The first writer that needs a flush while
/// none runs flushes at once, on its own thread: a lone writer pays exactly one fsync, as before. Writers that arrive
/// while a round's flushes run gather into the next round; when the running round ends, that next round starts (on
/// a pool thread) and flushes all of them, each distinct inode once. A member's answer waits for the end of a round
/// that started after it joined, so every change it made before joining is covered. The first errno of a round is
/// the answer of all its members. Members keep their handles open until their round has ended.
/// </summary>
internal sealed class SyncGroup(ISyncPrimitive sync, bool directories)
{
    private readonly Lock gate = new();
    private Round? running;
    private Round? gathering;

    /// <summary>
    /// Answers 0 or the errno once a flush of <paramref name="handle"/>'s inode that started after this call has ended.
    /// Directories: an fsync the filesystem refuses (EINVAL, EOPNOTSUPP, ENOSYS) counts as done.
    /// </summary>
    public ValueTask<int> FlushAsync(SafeFileHandle handle)
    {
        Round round;
        lock (gate)
        {
            if (running is not null)
            {
                round = gathering ??= new Round();
                round.Members.Add(handle);
                return new ValueTask<int>(round.Done.Task);
            }

            round = running = new Round();
            round.Members.Add(handle);
        }

        return new ValueTask<int>(Run(round));
    }

    private int Run(Round round)
    {
        var e = Errno.EIO;
        try
        {
            e = Flush(round.Members);
        }
        finally
        {
            Round? next;
            lock (gate)
            {
                next = gathering;
                gathering = null;
                running = next;
            }

            if (next is not null)
            {
                ThreadPool.UnsafeQueueUserWorkItem(static s => s.Group.Run(s.Next), (Group: this, Next: next), preferLocal: false);
            }

            round.Done.SetResult(e);
        }

        return e;
    }

    private int Flush(List<SafeFileHandle> members)
    {
        if (members.Count == 1)
        {
            return Result(sync.Fsync(members[0]));
        }

        HashSet<(ulong Dev, ulong Ino)>? seen = null;
        if (directories)
        {
            seen = [];
        }
        else
        {
            // Every member's writeback starts before the first waits: one journal commit can then cover them all.
            foreach (var file in members)
            {
                sync.StartWriteback(file);
            }
        }

        var first = 0;
        foreach (var handle in members)
        {
            if (seen is not null && Fs.TryFstat(handle, out var st) == 0 && !seen.Add((st.Dev, st.Ino)))
            {
                continue;
            }

            var e = Result(sync.Fsync(handle));
            if (first == 0)
            {
                first = e;
            }
        }

        return first;
    }

    private int Result(int errno) => directories && errno is Errno.EINVAL or Errno.EOPNOTSUPP or Errno.ENOSYS ? 0 : errno;

    private sealed class Round
    {
        public List<SafeFileHandle> Members { get; } = [];

        public TaskCompletionSource<int> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
