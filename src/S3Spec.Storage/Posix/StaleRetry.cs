using S3Spec.Core.Errors;

namespace S3Spec.Storage.Posix;

/// <summary>
/// Repeats a path-based open (and what it reads through the opened file before answering) that failed with ESTALE:
/// on a network or FUSE filesystem the path resolved to a file another client had just replaced, and a new lookup
/// finds the file that replaced it. At most <see cref="Attempts"/> tries; the last one's ESTALE is answered as
/// StorageUnavailable (503). See docs/storage.md, "Errors map".
/// </summary>
internal static class StaleRetry
{
    public const int Attempts = 3;

    public static TResult Run<TState, TResult>(TState state, Func<TState, TResult> lookup)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return lookup(state);
            }
            catch (S3Exception e) when (attempt < Attempts && FsErrors.IsStale(e))
            {
                // Looked up again: the next resolution sees the replacing file.
            }
        }
    }
}
