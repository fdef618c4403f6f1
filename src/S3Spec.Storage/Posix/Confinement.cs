using S3Spec.Posix;

namespace S3Spec.Storage.Posix;

/// <summary>
/// How one store confines object paths (<see cref="Resolver"/>): with openat2 until the kernel answers ENOSYS
/// (before 5.6), then by walking each component with O_NOFOLLOW. Per store, never process-wide: a store created with
/// <see cref="StorageOptions.ForceConfinementFallback"/> walks from the start (the test seam of the fallback).
/// </summary>
internal sealed class Confinement(bool forceFallback)
{
    private volatile bool missing;

    /// <summary>True while openat2 is to be tried (not forced off, not found missing).</summary>
    public bool UsesOpenAt2 => !forceFallback && !missing;

    /// <summary>Records an openat2 answer: ENOSYS means the kernel has none, and later lookups walk.</summary>
    public void Observe(int errno)
    {
        if (errno == Errno.ENOSYS)
        {
            missing = true;
        }
    }
}
