using Microsoft.Win32.SafeHandles;

namespace S3Spec.Storage.Listing;

/// <summary>One directory on the walk stack: its sorted entries and the range of them still to walk.</summary>
internal sealed class ListFrame(SafeFileHandle dir, string keyPrefix, string nameFilter, bool isStart, bool emitSelf, bool isVolumeRoot) : IDisposable
{
    public SafeFileHandle Dir { get; } = dir;

    /// <summary>The key prefix of entries in this directory: "" for the root, else "a/b/".</summary>
    public string KeyPrefix { get; } = keyPrefix;

    public string NameFilter { get; } = nameFilter;

    public bool IsStart { get; } = isStart;

    public bool EmitSelf { get; } = emitSelf;

    /// <summary>The directory is the volume root (also when a prefix reached it through a symlink): it holds the staging folder.</summary>
    public bool IsVolumeRoot { get; } = isVolumeRoot;

    /// <summary>The directory's entries, sorted (null until loaded).</summary>
    public IDirEntries? Entries { get; set; }

    /// <summary>The next entry to walk.</summary>
    public int Index { get; set; }

    /// <summary>One past the last entry to walk (the end of the name filter's run).</summary>
    public int End { get; set; }

    /// <summary>Describes of the next file entries, done ahead in parallel.</summary>
    public DescribeBatch? Batch { get; set; }

    public void Dispose()
    {
        (Entries as IDisposable)?.Dispose();
        Dir.Dispose();
    }
}
