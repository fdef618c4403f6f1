using S3Spec.Core.Errors;

namespace S3Spec.Storage.Posix;

/// <summary>
/// Repeats a path-based open (and what it reads through the opened file before answering) that failed with ESTALE:
/// on a network or FUSE filesystem the path resolved to a file another client had just replaced, and a new lookup
/// finds the file that replaced it once the client's caches let go of the old one (GlusterFS with its default
/// caches: about a second). Each repeat waits the next of <see cref="Backoff"/> first; the ESTALE of the last try is
/// answered as StorageUnavailable (503). See docs/storage.md, "Errors map".
/// </summary>
internal static class StaleRetry
{
    /// <summary>The waits before the repeats (1.6 s in all).</summary>
    public static readonly TimeSpan[] Backoff =
        [TimeSpan.Zero, TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(100),
            TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(400), TimeSpan.FromMilliseconds(800)];

    /// <summary>Tries in all: the first and one per wait.</summary>
    public static int Attempts => Backoff.Length + 1;

    public static TResult Run<TState, TResult>(TState state, Func<TState, TResult> lookup) => Run(state, lookup, Thread.Sleep);

    /// <summary>As <see cref="Run{TState, TResult}(TState, Func{TState, TResult})"/>, waiting through <paramref name="wait"/> (test seam).</summary>
    internal static TResult Run<TState, TResult>(TState state, Func<TState, TResult> lookup, Action<TimeSpan> wait)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return lookup(state);
            }
            catch (S3Exception e) when (attempt < Backoff.Length && FsErrors.IsStale(e))
            {
                // Looked up again after the wait: the next resolution sees the replacing file.
                wait(Backoff[attempt]);
            }
        }
    }
}
