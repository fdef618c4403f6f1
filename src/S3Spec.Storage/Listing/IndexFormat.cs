using System.Buffers.Binary;
using System.IO.Hashing;

namespace S3Spec.Storage.Listing;

/// <summary>
/// The persistent listing index file (docs/storage.md "Persistent listing index"), little-endian: a header (magic,
/// the directory's stamp, entry count, entries per page, page count, flags, table length, CRC-32 of header and
/// table), a table with one row per page (file offset, length, CRC-32 of the page, its first sort key), then the
/// pages, each <see cref="PageEntries"/> entries of (type byte, u16 key length, key bytes) in sort order.
/// </summary>
internal static class IndexFormat
{
    public const int HeaderBytes = 72;
    public const int PageEntries = 512;
    public const int RowFixedBytes = 18;
    public const int MaxTableBytes = 64 * 1024 * 1024;
    public const int FlagHasPlain = 1;

    public static ReadOnlySpan<byte> Magic => "S3SPIDX1"u8;

    /// <summary>The whole file for <paramref name="snapshot"/> (which must be whole) taken at <paramref name="stamp"/>.</summary>
    public static byte[] Write(DirStamp stamp, DirSnapshot snapshot)
    {
        var count = snapshot.Count;
        var pages = (count + PageEntries - 1) / PageEntries;
        long table = 0;
        long body = 0;
        for (var p = 0; p < pages; p++)
        {
            table += RowFixedBytes + snapshot.SortKey(p * PageEntries).Length;
        }

        for (var i = 0; i < count; i++)
        {
            body += 3 + snapshot.SortKey(i).Length;
        }

        if (table > MaxTableBytes || HeaderBytes + table + body > int.MaxValue)
        {
            throw new InvalidOperationException("directory too large for one index file");
        }

        var file = GC.AllocateUninitializedArray<byte>((int)(HeaderBytes + table + body));
        var s = file.AsSpan();
        var row = HeaderBytes;
        var at = HeaderBytes + (int)table;
        for (var p = 0; p < pages; p++)
        {
            var start = at;
            var end = Math.Min(count, (p + 1) * PageEntries);
            for (var i = p * PageEntries; i < end; i++)
            {
                var key = snapshot.SortKey(i);
                s[at] = snapshot.Type(i);
                BinaryPrimitives.WriteUInt16LittleEndian(s[(at + 1)..], checked((ushort)key.Length));
                key.CopyTo(s[(at + 3)..]);
                at += 3 + key.Length;
            }

            var first = snapshot.SortKey(p * PageEntries);
            BinaryPrimitives.WriteInt64LittleEndian(s[row..], start);
            BinaryPrimitives.WriteInt32LittleEndian(s[(row + 8)..], at - start);
            BinaryPrimitives.WriteUInt32LittleEndian(s[(row + 12)..], Crc32.HashToUInt32(s[start..at]));
            BinaryPrimitives.WriteUInt16LittleEndian(s[(row + 16)..], (ushort)first.Length);
            first.CopyTo(s[(row + RowFixedBytes)..]);
            row += RowFixedBytes + first.Length;
        }

        Magic.CopyTo(s);
        BinaryPrimitives.WriteUInt64LittleEndian(s[8..], stamp.Dev);
        BinaryPrimitives.WriteUInt64LittleEndian(s[16..], stamp.Ino);
        BinaryPrimitives.WriteInt64LittleEndian(s[24..], stamp.MtimeNs);
        BinaryPrimitives.WriteInt64LittleEndian(s[32..], stamp.CtimeNs);
        BinaryPrimitives.WriteUInt64LittleEndian(s[40..], stamp.Size);
        BinaryPrimitives.WriteInt32LittleEndian(s[48..], count);
        BinaryPrimitives.WriteInt32LittleEndian(s[52..], PageEntries);
        BinaryPrimitives.WriteInt32LittleEndian(s[56..], pages);
        BinaryPrimitives.WriteInt32LittleEndian(s[60..], snapshot.HasPlain ? FlagHasPlain : 0);
        BinaryPrimitives.WriteInt32LittleEndian(s[64..], (int)table);
        BinaryPrimitives.WriteUInt32LittleEndian(s[68..], HeaderCrc(s[..68], s.Slice(HeaderBytes, (int)table)));
        return file;
    }

    public static uint HeaderCrc(ReadOnlySpan<byte> header, ReadOnlySpan<byte> table)
    {
        var crc = new Crc32();
        crc.Append(header);
        crc.Append(table);
        return crc.GetCurrentHashAsUInt32();
    }

    /// <summary>The stamp the header records.</summary>
    public static DirStamp StampOf(ReadOnlySpan<byte> header) => new(
        BinaryPrimitives.ReadUInt64LittleEndian(header[8..]),
        BinaryPrimitives.ReadUInt64LittleEndian(header[16..]),
        BinaryPrimitives.ReadInt64LittleEndian(header[24..]),
        BinaryPrimitives.ReadInt64LittleEndian(header[32..]),
        BinaryPrimitives.ReadUInt64LittleEndian(header[40..]));
}
