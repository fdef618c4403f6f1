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

    /// <summary>Describes every entry (with helpers when there are enough entries) and waits for all of them.</summary>
    public void Run()
    {
        if (count >= 4)
        {
            DescribePool.Shared.Help(this, Math.Min(DescribePool.HelpersPerBatch, count / 2));
        }

        Claim();
        if (Volatile.Read(ref done) < count)
        {
            finished.Wait();
        }
    }

    /// <summary>A pool thread's share (nothing when the batch is already claimed).</summary>
    public void Help() => Claim();

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

    private void Claim()
    {
        int i;
        while ((i = Interlocked.Increment(ref claimed) - 1) < count)
        {
            try
            {
                results[i] = walker.Describe(frame, new DirEntry(frame.Entries!.Name(indices[i]), frame.Entries.Type(indices[i])), keys[i]);
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
