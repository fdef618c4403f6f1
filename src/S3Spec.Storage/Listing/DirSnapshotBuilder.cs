using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Microsoft.Win32.SafeHandles;
using S3Spec.Posix;
using S3Spec.Storage.Posix;

namespace S3Spec.Storage.Listing;

/// <summary>
/// Reads a directory into a <see cref="DirSnapshot"/> without a string per entry: names go as UTF-8 bytes into a
/// pooled blob, are sorted by a radix-friendly 8-byte big-endian prefix (a primitive sort) and only runs of equal
/// prefixes are compared further. d_type DT_UNKNOWN is resolved with one statx; other types are dropped.
/// When the caller will not keep the snapshot, only the entries the page can use (<see cref="SnapshotFilter"/>)
/// are sorted and copied.
/// </summary>
internal static unsafe class DirSnapshotBuilder
{
    /// <summary>
    /// Reads the directory; <paramref name="whole"/> (given the entry count and an estimate of the snapshot's bytes)
    /// answers whether the whole directory is wanted (a snapshot to keep) rather than the filter's entries.
    /// </summary>
    public static DirSnapshot Read(SafeFileHandle dir, Action? invalidName, SnapshotFilter filter, Func<int, long, bool>? whole)
    {
        var reading = new Reading(dir, new Accumulator());
        try
        {
            if (Fs.TryReadDirRaw(dir, ref reading, static (ref Reading r, ReadOnlySpan<byte> name, byte type) => r.Add(name, type), invalidName) != 0)
            {
                return DirSnapshot.Empty;
            }

            var all = whole is not null && whole(reading.Entries.Count, reading.Entries.EstimatedBytes);
            return reading.Entries.Build(all ? default : filter, all);
        }
        finally
        {
            reading.Entries.Release();
        }
    }

    /// <summary>The snapshot of entries given in readdir order (what <see cref="Read"/> builds from a directory).</summary>
    internal static DirSnapshot FromEntries(IEnumerable<(string Name, byte Type)> entries, SnapshotFilter filter, bool whole)
    {
        var accumulator = new Accumulator();
        try
        {
            foreach (var (name, type) in entries)
            {
                accumulator.Add(Encoding.UTF8.GetBytes(name), type);
            }

            return accumulator.Build(filter, whole);
        }
        finally
        {
            accumulator.Release();
        }
    }

    /// <summary>The directory being read and its entries so far; DT_UNKNOWN is resolved with one statx.</summary>
    private struct Reading(SafeFileHandle dir, Accumulator entries)
    {
        public Accumulator Entries = entries;

        public void Add(ReadOnlySpan<byte> name, byte type)
        {
            if (type == Libc.DT_UNKNOWN && Fs.TryStatAt(dir, Encoding.UTF8.GetString(name), follow: false, out var st) == 0)
            {
                type = st.IsDirectory ? Libc.DT_DIR : st.IsRegular ? Libc.DT_REG : st.IsSymlink ? Libc.DT_LNK : Libc.DT_UNKNOWN;
            }

            if (type is Libc.DT_DIR or Libc.DT_REG or Libc.DT_LNK)
            {
                Entries.Add(name, type);
            }
        }
    }

    /// <summary>Unsorted entries in pooled arrays.</summary>
    private struct Accumulator
    {
        private byte[] blob;
        private int[] offsets;
        private byte[] types;
        private int used;
        private int count;
        private bool hasPlain;

        public Accumulator()
        {
            blob = ArrayPool<byte>.Shared.Rent(16 * 1024);
            offsets = ArrayPool<int>.Shared.Rent(1024);
            types = ArrayPool<byte>.Shared.Rent(1024);
        }

        public void Add(ReadOnlySpan<byte> name, byte type)
        {
            var len = name.Length + (type == Libc.DT_DIR ? 1 : 0);
            if (used + len > blob.Length)
            {
                blob = Grow(blob, used, used + len);
            }

            if (count + 2 > offsets.Length)
            {
                offsets = Grow(offsets, count, count + 2);
            }

            if (count + 1 > types.Length)
            {
                types = Grow(types, count, count + 1);
            }

            name.CopyTo(blob.AsSpan(used));
            if (type == Libc.DT_DIR)
            {
                blob[used + name.Length] = (byte)'/';
            }

            offsets[count] = used;
            types[count] = type;
            used += len;
            count++;
            hasPlain |= type != Libc.DT_LNK;
        }

        public readonly int Count => count;

        public readonly long EstimatedBytes => used + (5L * count) + 132;

        public readonly DirSnapshot Build(SnapshotFilter filter, bool whole)
        {
            if (count == 0)
            {
                return whole ? new DirSnapshot([], [0], [], 0, false, whole) : DirSnapshot.Empty;
            }

            offsets[count] = used;
            var order = ArrayPool<int>.Shared.Rent(count);
            var heads = ArrayPool<ulong>.Shared.Rent(count);
            try
            {
                var kept = 0;
                for (var i = 0; i < count; i++)
                {
                    var key = Key(i);
                    if (filter.Keeps(key))
                    {
                        order[kept] = i;
                        heads[kept++] = Head(key);
                    }
                }

                Array.Sort(heads, order, 0, kept);
                var tails = new TailComparer(blob, offsets);
                for (var start = 0; start < kept;)
                {
                    var end = start + 1;
                    while (end < kept && heads[end] == heads[start])
                    {
                        end++;
                    }

                    if (end - start > 1)
                    {
                        order.AsSpan(start, end - start).Sort(tails);
                    }

                    start = end;
                }

                kept = DropRepeats(order, kept);
                var size = 0;
                for (var i = 0; i < kept; i++)
                {
                    size += offsets[order[i] + 1] - offsets[order[i]];
                }

                var outBlob = GC.AllocateUninitializedArray<byte>(size);
                var outOffsets = new int[kept + 1];
                var outTypes = new byte[kept];
                var at = 0;
                for (var i = 0; i < kept; i++)
                {
                    var j = order[i];
                    var key = Key(j);
                    key.CopyTo(outBlob.AsSpan(at));
                    outOffsets[i] = at;
                    outTypes[i] = types[j];
                    at += key.Length;
                }

                outOffsets[kept] = at;
                return new DirSnapshot(outBlob, outOffsets, outTypes, kept, hasPlain, whole);
            }
            finally
            {
                ArrayPool<int>.Shared.Return(order);
                ArrayPool<ulong>.Shared.Return(heads);
            }
        }

        public readonly void Release()
        {
            ArrayPool<byte>.Shared.Return(blob);
            ArrayPool<int>.Shared.Return(offsets);
            ArrayPool<byte>.Shared.Return(types);
        }

        private readonly ReadOnlySpan<byte> Key(int i) => blob.AsSpan(offsets[i], offsets[i + 1] - offsets[i]);

        /// <summary>
        /// Keeps one of each run of equal sort keys in the sorted <paramref name="order"/>: a readdir of a distributed
        /// filesystem can return a name twice while another client renames it between servers (GlusterFS DHT,
        /// docs/replicas.md), and a directory never holds one name twice.
        /// </summary>
        private readonly int DropRepeats(int[] order, int kept)
        {
            var unique = 0;
            for (var i = 0; i < kept; i++)
            {
                if (unique > 0 && Key(order[i]).SequenceEqual(Key(order[unique - 1])))
                {
                    continue;
                }

                order[unique++] = order[i];
            }

            return unique;
        }

        private static ulong Head(ReadOnlySpan<byte> key)
        {
            Span<byte> eight = stackalloc byte[8];
            eight.Clear();
            key[..Math.Min(8, key.Length)].CopyTo(eight);
            return BinaryPrimitives.ReadUInt64BigEndian(eight);
        }

        private static T[] Grow<T>(T[] old, int keep, int need)
        {
            var next = ArrayPool<T>.Shared.Rent(Math.Max(need, old.Length * 2));
            old.AsSpan(0, keep).CopyTo(next);
            ArrayPool<T>.Shared.Return(old);
            return next;
        }
    }

    /// <summary>Orders entries whose first 8 bytes are equal by the rest of their bytes.</summary>
    private readonly struct TailComparer(byte[] blob, int[] offsets) : IComparer<int>
    {
        public int Compare(int x, int y)
        {
            var a = blob.AsSpan(offsets[x], offsets[x + 1] - offsets[x]);
            var b = blob.AsSpan(offsets[y], offsets[y + 1] - offsets[y]);
            return a[Math.Min(8, a.Length)..].SequenceCompareTo(b[Math.Min(8, b.Length)..]);
        }
    }
}

/// <summary>
/// The entries one page can use: sort keys starting with <c>Prefix</c> and not below <c>Cut</c> (StartAfter within
/// the directory, cut after its first '/' so that the directory holding StartAfter stays). Default: every entry.
/// </summary>
internal readonly record struct SnapshotFilter(byte[]? Prefix, byte[]? Cut)
{
    public bool Keeps(ReadOnlySpan<byte> key) =>
        (Prefix is null || key.StartsWith(Prefix)) && (Cut is null || key.SequenceCompareTo(Cut) >= 0);
}
