using Microsoft.Win32.SafeHandles;
using S3Spec.Storage.Posix;

namespace S3Spec.Storage.Listing;

/// <summary>One directory on the walk stack: its sorted, pruned entries and the position in them.</summary>
internal sealed class ListFrame(SafeFileHandle dir, string keyPrefix, string nameFilter, bool isStart, bool emitSelf) : IDisposable
{
    public SafeFileHandle Dir { get; } = dir;

    /// <summary>The key prefix of entries in this directory: "" for the root, else "a/b/".</summary>
    public string KeyPrefix { get; } = keyPrefix;

    public string NameFilter { get; } = nameFilter;

    public bool IsStart { get; } = isStart;

    public bool EmitSelf { get; } = emitSelf;

    public ListEntryRef[]? Entries { get; set; }

    public int Index { get; set; }

    public void Dispose() => Dir.Dispose();
}

/// <summary>A directory entry with its sort key (directories sort as "name/").</summary>
internal readonly record struct ListEntryRef(DirEntry Entry, string SortKey, bool IsDirectory);
