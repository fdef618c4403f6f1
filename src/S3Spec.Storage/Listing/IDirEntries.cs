using System.Text;
using S3Spec.Posix;

namespace S3Spec.Storage.Listing;

/// <summary>
/// One directory's listable entries sorted by their sort keys in UTF-8 byte order (a directory's key ends in '/'):
/// an in-memory <see cref="DirSnapshot"/> or a persistent <see cref="IndexSnapshot"/> read page by page.
/// </summary>
internal interface IDirEntries
{
    int Count { get; }

    /// <summary>True when a regular file or a directory is among the entries (not only symlinks).</summary>
    bool HasPlain { get; }

    byte Type(int i);

    ReadOnlySpan<byte> SortKey(int i);

    string SortKeyString(int i) => Encoding.UTF8.GetString(SortKey(i));

    /// <summary>The entry's file name (its sort key without the directory slash).</summary>
    string Name(int i)
    {
        var key = SortKey(i);
        return Encoding.UTF8.GetString(Type(i) == Libc.DT_DIR ? key[..^1] : key);
    }

    /// <summary>The first index whose sort key is greater than <paramref name="bound"/> (or equal, when <paramref name="inclusive"/>).</summary>
    int Search(ReadOnlySpan<byte> bound, bool inclusive);

    /// <summary>The end of the run of sort keys starting at <paramref name="from"/> that begin with <paramref name="prefix"/>.</summary>
    int PrefixEnd(int from, ReadOnlySpan<byte> prefix);
}
