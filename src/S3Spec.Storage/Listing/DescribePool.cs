using System.Collections.Concurrent;

namespace S3Spec.Storage.Listing;

/// <summary>
/// A fixed set of background threads shared by every lister of the process, so that the blocking per-entry
/// describes (open, fstat, xattr read) of a page overlap on the disk queue without growing the thread pool.
/// A batch's own lister always works on it too; helpers only join, so a busy pool slows a page down to the
/// serial path and never blocks it. The pool bounds the helpers of all listers together.
/// </summary>
internal sealed class DescribePool
{
    /// <summary>Helper threads per process.</summary>
    public const int Threads = 16;

    /// <summary>Helpers one batch asks for (the lister itself is the eighth worker).</summary>
    public const int HelpersPerBatch = 7;

    public static readonly DescribePool Shared = new();

    private readonly BlockingCollection<DescribeBatch> tickets = [];
    private int started;

    /// <summary>Offers the batch to up to <paramref name="helpers"/> pool threads.</summary>
    public void Help(DescribeBatch batch, int helpers)
    {
        if (Volatile.Read(ref started) == 0 && Interlocked.Exchange(ref started, 1) == 0)
        {
            for (var i = 0; i < Threads; i++)
            {
                new Thread(Work) { IsBackground = true, Name = "s3spec-list-describe" }.Start();
            }
        }

        for (var i = 0; i < helpers; i++)
        {
            tickets.Add(batch);
        }
    }

    private void Work()
    {
        foreach (var batch in tickets.GetConsumingEnumerable())
        {
            batch.Help();
        }
    }
}
