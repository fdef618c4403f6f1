using System.Buffers.Binary;
using System.IO.Hashing;
using Microsoft.Win32.SafeHandles;
using S3Spec.Posix;
using S3Spec.Storage.Posix;

namespace S3Spec.Storage.Listing;

/// <summary>
/// A directory's sorted entries read from its persistent index file (<see cref="IndexFormat"/>): the header and the
/// page table at open, each page of <see cref="IndexFormat.PageEntries"/> entries by one pread when first touched
/// (CRC-checked; a bad page throws <see cref="IndexCorruptException"/>, which the lister answers by listing again
/// without the index). Holds the file open, so a newer index renamed over it does not change what it reads.
/// Thread-safe: describes ahead read entries in parallel.
/// </summary>
internal sealed class IndexSnapshot : IDirEntries, IDisposable
{
    private readonly SafeFileHandle file;
    private readonly int perPage;
    private readonly long[] pageOffsets;
    private readonly int[] pageLengths;
    private readonly uint[] pageCrcs;
    private readonly byte[] firstKeys;
    private readonly int[] firstKeyOffsets;
    private readonly Page?[] pages;
    private readonly Lock gate = new();

    private IndexSnapshot(SafeFileHandle file, int count, int perPage, bool hasPlain, long[] pageOffsets, int[] pageLengths, uint[] pageCrcs, byte[] firstKeys, int[] firstKeyOffsets)
    {
        this.file = file;
        Count = count;
        this.perPage = perPage;
        HasPlain = hasPlain;
        this.pageOffsets = pageOffsets;
        this.pageLengths = pageLengths;
        this.pageCrcs = pageCrcs;
        this.firstKeys = firstKeys;
        this.firstKeyOffsets = firstKeyOffsets;
        pages = new Page?[pageOffsets.Length];
    }

    public int Count { get; }

    public bool HasPlain { get; }

    /// <summary>The index file this reads and its identity (to remove exactly this one when it proves corrupt).</summary>
    public IndexFileId FileId { get; private init; }

    /// <summary>
    /// Opens the index at <paramref name="path"/> for the directory now at <paramref name="current"/>: null (and why in
    /// <paramref name="state"/>) unless the file is whole (magic, sizes, header CRC) and records exactly that stamp
    /// (inode, mtime, ctime, size; the device number is a per-client number on shared filesystems and is not compared),
    /// and the stamp is settled by <paramref name="now"/>.
    /// </summary>
    public static IndexSnapshot? TryOpen(string path, DirStamp current, DateTimeOffset now, TimeSpan settle, out IndexState state)
    {
        var fd = Libc.OpenAt(Libc.AT_FDCWD, path, Libc.O_RDONLY | Libc.O_CLOEXEC | Libc.O_NOFOLLOW, 0);
        if (fd < 0)
        {
            state = Libc.Errno == Errno.ENOENT ? IndexState.Missing : IndexState.Corrupt;
            return null;
        }

        var handle = Fs.Wrap(fd);

        try
        {
            var opened = Open(path, handle, current, now, settle, out state);
            if (opened is null)
            {
                handle.Dispose();
            }

            return opened;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            handle.Dispose();
            state = IndexState.Corrupt;
            return null;
        }
    }

    public byte Type(int i) => PageOf(i).Types[i % perPage];

    public ReadOnlySpan<byte> SortKey(int i) => PageOf(i).Key(i % perPage);

    public int Search(ReadOnlySpan<byte> bound, bool inclusive)
    {
        // Pages whose first key lies before the bound: the answer is in the last of them (or starts the next).
        int lo = 0, hi = pages.Length;
        while (lo < hi)
        {
            var mid = (int)((uint)(lo + hi) >> 1);
            var c = FirstKey(mid).SequenceCompareTo(bound);
            if (c < 0 || (c == 0 && !inclusive))
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        if (lo == 0)
        {
            return 0;
        }

        int from = (lo - 1) * perPage, to = Math.Min(Count, lo * perPage);
        while (from < to)
        {
            var mid = (int)((uint)(from + to) >> 1);
            var c = SortKey(mid).SequenceCompareTo(bound);
            if (c < 0 || (c == 0 && !inclusive))
            {
                from = mid + 1;
            }
            else
            {
                to = mid;
            }
        }

        return from;
    }

    public int PrefixEnd(int from, ReadOnlySpan<byte> prefix)
    {
        if (from >= Count)
        {
            return from;
        }

        // Later pages whose first key still starts with the prefix: the run ends in the last of them.
        var first = from / perPage;
        int lo = first + 1, hi = pages.Length;
        while (lo < hi)
        {
            var mid = (int)((uint)(lo + hi) >> 1);
            if (FirstKey(mid).StartsWith(prefix))
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        int a = Math.Max(from, (lo - 1) * perPage), b = Math.Min(Count, lo * perPage);
        while (a < b)
        {
            var mid = (int)((uint)(a + b) >> 1);
            if (SortKey(mid).StartsWith(prefix))
            {
                a = mid + 1;
            }
            else
            {
                b = mid;
            }
        }

        return a;
    }

    public void Dispose() => file.Dispose();

    private static IndexSnapshot? Open(string path, SafeFileHandle handle, DirStamp current, DateTimeOffset now, TimeSpan settle, out IndexState state)
    {
        state = IndexState.Corrupt;
        var length = RandomAccess.GetLength(handle);
        Span<byte> header = stackalloc byte[IndexFormat.HeaderBytes];
        if (length < IndexFormat.HeaderBytes || RandomAccess.Read(handle, header, 0) != IndexFormat.HeaderBytes || !header[..8].SequenceEqual(IndexFormat.Magic))
        {
            return null;
        }

        var count = BinaryPrimitives.ReadInt32LittleEndian(header[48..]);
        var perPage = BinaryPrimitives.ReadInt32LittleEndian(header[52..]);
        var pageCount = BinaryPrimitives.ReadInt32LittleEndian(header[56..]);
        var flags = BinaryPrimitives.ReadInt32LittleEndian(header[60..]);
        var tableBytes = BinaryPrimitives.ReadInt32LittleEndian(header[64..]);
        if (count < 0 || perPage is < 1 or > 65536 || pageCount != (count + (long)perPage - 1) / perPage
            || tableBytes < 0 || tableBytes > IndexFormat.MaxTableBytes || IndexFormat.HeaderBytes + (long)tableBytes > length
            || tableBytes < (long)pageCount * IndexFormat.RowFixedBytes)
        {
            return null;
        }

        // The stamp first (a stale index costs one 72-byte read), then the CRC that vouches for it and the table.
        var recorded = IndexFormat.StampOf(header);
        if (recorded.Ino != current.Ino || recorded.MtimeNs != current.MtimeNs || recorded.CtimeNs != current.CtimeNs || recorded.Size != current.Size)
        {
            state = IndexState.Stale;
            return null;
        }

        if (!DirSnapshotCache.IsSettled(recorded, now, settle))
        {
            state = IndexState.Unsettled;
            return null;
        }

        var table = GC.AllocateUninitializedArray<byte>(tableBytes);
        if (RandomAccess.Read(handle, table, IndexFormat.HeaderBytes) != tableBytes
            || IndexFormat.HeaderCrc(header[..68], table) != BinaryPrimitives.ReadUInt32LittleEndian(header[68..]))
        {
            state = IndexState.Corrupt;
            return null;
        }

        var offsets = new long[pageCount];
        var lengths = new int[pageCount];
        var crcs = new uint[pageCount];
        var keyOffsets = new int[pageCount + 1];
        var keys = new byte[tableBytes - (pageCount * IndexFormat.RowFixedBytes)];
        var row = 0;
        var used = 0;
        for (var p = 0; p < pageCount; p++)
        {
            if (row + IndexFormat.RowFixedBytes > tableBytes)
            {
                return null;
            }

            offsets[p] = BinaryPrimitives.ReadInt64LittleEndian(table.AsSpan(row));
            lengths[p] = BinaryPrimitives.ReadInt32LittleEndian(table.AsSpan(row + 8));
            crcs[p] = BinaryPrimitives.ReadUInt32LittleEndian(table.AsSpan(row + 12));
            int keyLength = BinaryPrimitives.ReadUInt16LittleEndian(table.AsSpan(row + 16));
            if (row + IndexFormat.RowFixedBytes + keyLength > tableBytes || offsets[p] < IndexFormat.HeaderBytes + (long)tableBytes
                || lengths[p] < 0 || offsets[p] + lengths[p] > length || used + keyLength > keys.Length)
            {
                return null;
            }

            keyOffsets[p] = used;
            table.AsSpan(row + IndexFormat.RowFixedBytes, keyLength).CopyTo(keys.AsSpan(used));
            used += keyLength;
            row += IndexFormat.RowFixedBytes + keyLength;
        }

        keyOffsets[pageCount] = used;
        if (row != tableBytes)
        {
            return null;
        }

        if (Fs.TryFstat(handle, out var self) != 0)
        {
            return null;
        }

        state = IndexState.Valid;
        return new IndexSnapshot(handle, count, perPage, (flags & IndexFormat.FlagHasPlain) != 0, offsets, lengths, crcs, keys, keyOffsets)
        {
            FileId = new IndexFileId(path, self.Dev, self.Ino),
        };
    }

    private ReadOnlySpan<byte> FirstKey(int page) => firstKeys.AsSpan(firstKeyOffsets[page], firstKeyOffsets[page + 1] - firstKeyOffsets[page]);

    private Page PageOf(int i)
    {
        var p = i / perPage;
        var page = Volatile.Read(ref pages[p]);
        if (page is not null)
        {
            return page;
        }

        lock (gate)
        {
            page = pages[p] ?? Load(p);
            Volatile.Write(ref pages[p], page);
            return page;
        }
    }

    private Page Load(int p)
    {
        var bytes = GC.AllocateUninitializedArray<byte>(pageLengths[p]);
        int read;
        try
        {
            read = RandomAccess.Read(file, bytes, pageOffsets[p]);
        }
        catch (IOException e)
        {
            throw new IndexCorruptException(FileId, e);
        }

        if (read != bytes.Length || Crc32.HashToUInt32(bytes) != pageCrcs[p])
        {
            throw new IndexCorruptException(FileId, null);
        }

        var n = Math.Min(perPage, Count - (p * perPage));
        var types = new byte[n];
        var offsets = new int[n + 1];
        var blob = new byte[bytes.Length - (3 * n)];
        int at = 0, used = 0;
        for (var k = 0; k < n; k++)
        {
            if (at + 3 > bytes.Length)
            {
                throw new IndexCorruptException(FileId, null);
            }

            types[k] = bytes[at];
            int len = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(at + 1));
            if (at + 3 + len > bytes.Length || used + len > blob.Length)
            {
                throw new IndexCorruptException(FileId, null);
            }

            offsets[k] = used;
            bytes.AsSpan(at + 3, len).CopyTo(blob.AsSpan(used));
            used += len;
            at += 3 + len;
        }

        offsets[n] = used;
        if (at != bytes.Length || !blob.AsSpan(offsets[0], offsets[Math.Min(1, n)] - offsets[0]).SequenceEqual(FirstKey(p)))
        {
            throw new IndexCorruptException(FileId, null);
        }

        return new Page(blob, offsets, types);
    }

    private sealed record Page(byte[] Blob, int[] Offsets, byte[] Types)
    {
        public ReadOnlySpan<byte> Key(int k) => Blob.AsSpan(Offsets[k], Offsets[k + 1] - Offsets[k]);
    }
}

/// <summary>Why an index file was or was not used.</summary>
internal enum IndexState
{
    Missing,
    Corrupt,
    Stale,
    Unsettled,
    Valid,
}

/// <summary>A page of an index file that had passed its header check proved unreadable or inconsistent.</summary>
internal sealed class IndexCorruptException(IndexFileId fileId, Exception? inner) : Exception("listing index page corrupt", inner)
{
    public IndexFileId FileId { get; } = fileId;
}

/// <summary>One index file: its path and the (device, inode) it had when opened.</summary>
internal readonly record struct IndexFileId(string Path, ulong Dev, ulong Ino);
