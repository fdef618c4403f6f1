using S3Spec.Storage.Contract;
using S3Spec.Storage.Posix;

namespace S3Spec.Storage.Listing;

/// <summary>
/// The describes of the next file entries of one directory frame, run by the lister and by pool helpers that claim
/// entries one at a time. <see cref="Run"/> returns only when every entry is described (each by its claimer), so the
/// frame's directory handle outlives every use; a helper arriving later finds nothing to claim and touches nothing.
/// Results are taken in entry order; an entry's exception is rethrown when that entry is taken, as the serial
/// path would have thrown it there.
/// </summary>
internal sealed class DescribeBatch(ListWalker walker, ListFrame frame, int[] indices, string[] keys, int count)
{
    private readonly ObjectInfo?[] results = new ObjectInfo?[count];
    private readonly Exception?[] errors = new Exception?[count];
    private readonly ManualResetEventSlim finished = new(false);
    private int claimed;
    private int done;
    private int position;

    /// <summary>
    /// Describes every entry and waits for all of them. Helpers are asked for (when there are enough entries) at the
    /// first entry that has to be opened: entries the describe cache answers cost one statx each, less than waking
    /// a helper, while opens of cold files overlap on the disk queue.
    /// </summary>
    public void Run()
    {
        Claim(count >= 4 ? Math.Min(DescribePool.HelpersPerBatch, count / 2) : 0);
        if (Volatile.Read(ref done) < count)
        {
            finished.Wait();
        }
    }

    /// <summary>A pool thread's share (nothing when the batch is already claimed).</summary>
    public void Help() => Claim(0);

    /// <summary>The result for the frame entry <paramref name="index"/>; false when the batch does not hold it.</summary>
    public bool TryTake(int index, out ObjectInfo? info)
    {
        while (position < count && indices[position] < index)
        {
            position++;
        }

        if (position < count && indices[position] == index)
        {
            var error = errors[position];
            if (error is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error);
            }

            info = results[position++];
            return true;
        }

        info = null;
        return false;
    }

    private void Claim(int helpers)
    {
        int i;
        while ((i = Interlocked.Increment(ref claimed) - 1) < count)
        {
            try
            {
                (results[i], var opened) = walker.DescribeEntry(frame, new DirEntry(frame.Entries!.Name(indices[i]), frame.Entries.Type(indices[i])), keys[i]);
                if (opened && helpers > 0 && i + 1 < count)
                {
                    DescribePool.Shared.Help(this, Math.Min(helpers, count - i - 1));
                    helpers = 0;
                }
            }
            catch (Exception e)
            {
                errors[i] = e;
            }

            if (Interlocked.Increment(ref done) == count)
            {
                finished.Set();
            }
        }
    }
}
