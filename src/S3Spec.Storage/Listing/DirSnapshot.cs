using System.Text;
using S3Spec.Posix;

namespace S3Spec.Storage.Listing;

/// <summary>
/// The listable entries of one directory (regular files, directories, symlinks), sorted by their sort keys in UTF-8
/// byte order (possibly only those a page needed, see <see cref="Whole"/>): all sort keys in one blob (a directory's key ends in '/'), <c>offsets[i]..offsets[i+1]</c> its bytes.
/// Immutable once built, so one instance serves any number of concurrent listers.
/// </summary>
internal sealed class DirSnapshot(byte[] blob, int[] offsets, byte[] types, int count, bool hasPlain, bool whole) : IDirEntries
{
    private const int Overhead = 128;

    public static readonly DirSnapshot Empty = new([], [0], [], 0, false, false);

    /// <summary>True when it holds every entry of the directory (false: only those one page needed).</summary>
    public bool Whole { get; } = whole;

    public int Count { get; } = count;

    /// <summary>True when a regular file or a directory is among the entries (not only symlinks).</summary>
    public bool HasPlain { get; } = hasPlain;

    /// <summary>Bytes held (for the cache budget).</summary>
    public long Bytes => Overhead + blob.Length + (offsets.Length * 4L) + types.Length;

    public byte Type(int i) => types[i];

    public ReadOnlySpan<byte> SortKey(int i) => blob.AsSpan(offsets[i], offsets[i + 1] - offsets[i]);

    public string SortKeyString(int i) => Encoding.UTF8.GetString(SortKey(i));

    /// <summary>The entry's file name (its sort key without the directory slash).</summary>
    public string Name(int i)
    {
        var key = SortKey(i);
        return Encoding.UTF8.GetString(types[i] == Libc.DT_DIR ? key[..^1] : key);
    }

    /// <summary>The first index whose sort key is greater than <paramref name="bound"/> (or equal, when <paramref name="inclusive"/>).</summary>
    public int Search(ReadOnlySpan<byte> bound, bool inclusive)
    {
        int lo = 0, hi = Count;
        while (lo < hi)
        {
            var mid = (int)((uint)(lo + hi) >> 1);
            var c = SortKey(mid).SequenceCompareTo(bound);
            if (c < 0 || (c == 0 && !inclusive))
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>The end of the run of sort keys starting at <paramref name="from"/> that begin with <paramref name="prefix"/>.</summary>
    public int PrefixEnd(int from, ReadOnlySpan<byte> prefix)
    {
        int lo = from, hi = Count;
        while (lo < hi)
        {
            var mid = (int)((uint)(lo + hi) >> 1);
            if (SortKey(mid).StartsWith(prefix))
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
