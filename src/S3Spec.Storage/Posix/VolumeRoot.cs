using Microsoft.Win32.SafeHandles;

namespace S3Spec.Storage.Posix;

/// <summary>
/// The cached root descriptor (O_PATH|O_DIRECTORY) of one volume directory, known by its identity when opened
/// (device, inode, birth time). Each operation leases it; the registry retires it when the name resolves to
/// another directory or to nothing, and the descriptor is closed when the last lease ends, never while an
/// operation still uses it (docs/storage.md, "Volume roots").
/// </summary>
internal sealed class VolumeRoot(string path, SafeFileHandle handle, VolumeIdentity identity, VolumeState state)
{
    /// <summary>The cache's own reference plus one per lease; 0 once retired and released (the descriptor is closed).</summary>
    private int references = 1;
    private int retired;

    /// <summary>The absolute path the registry checks on every lease.</summary>
    public string Path { get; } = path;

    public SafeFileHandle Handle { get; } = handle;

    public VolumeIdentity Identity { get; } = identity;

    public VolumeState State { get; } = state;

    /// <summary>Takes a reference for one operation; false when the root was retired and its descriptor closed or closing.</summary>
    public bool TryLease()
    {
        while (true)
        {
            var n = Volatile.Read(ref references);
            if (n == 0 || Volatile.Read(ref retired) != 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref references, n + 1, n) == n)
            {
                return true;
            }
        }
    }

    /// <summary>Ends one lease; the last reference closes the descriptor.</summary>
    public void Release()
    {
        if (Interlocked.Decrement(ref references) == 0)
        {
            Handle.Dispose();
        }
    }

    /// <summary>Drops the cache's reference (once): no new lease; the descriptor closes when the leases end.</summary>
    public void Retire()
    {
        if (Interlocked.Exchange(ref retired, 1) == 0)
        {
            Release();
        }
    }
}
