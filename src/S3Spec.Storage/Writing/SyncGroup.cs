using Microsoft.Win32.SafeHandles;
using S3Spec.Posix;
using S3Spec.Storage.Posix;

namespace S3Spec.Storage.Writing;

/// <summary>
/// Group commit of directory fsyncs without a timer (docs/storage.md "Durability: group commit"). The first writer that
/// needs a flush while none runs flushes at once, on its own thread: a lone writer pays exactly one fsync, as before.
/// Writers that arrive while a round's flushes run gather into the next round; when the running round ends, that next
/// round starts (on a thread of its own) and flushes all of them, each distinct directory inode once. A member's answer waits for the end of a round
/// that started after it joined, so every change it made before joining is covered. The first errno of a round is
/// the answer of all its members. Members keep their handles open until their round has ended.
/// </summary>
internal sealed class SyncGroup(ISyncPrimitive sync)
{
    private readonly Lock gate = new();
    private Round? running;
    private Round? gathering;

    /// <summary>
    /// Answers 0 or the errno once a flush of <paramref name="handle"/>'s inode that started after this call has ended.
    /// An fsync the filesystem refuses for a directory (EINVAL, EOPNOTSUPP, ENOSYS) counts as done.
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
                // A thread of its own, not the pool's queue: the pool's threads may all be blocked in file fsyncs.
                var thread = new Thread(static s =>
                {
                    var (group, round) = ((SyncGroup, Round))s!;
                    group.Run(round);
                })
                { IsBackground = true };
                thread.Start((this, next));
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

        HashSet<(ulong Dev, ulong Ino)> seen = [];
        var first = 0;
        foreach (var handle in members)
        {
            if (Fs.TryFstat(handle, out var st) == 0 && !seen.Add((st.Dev, st.Ino)))
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

    private static int Result(int errno) => errno is Errno.EINVAL or Errno.EOPNOTSUPP or Errno.ENOSYS ? 0 : errno;

    private sealed class Round
    {
        public List<SafeFileHandle> Members { get; } = [];

        public TaskCompletionSource<int> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
