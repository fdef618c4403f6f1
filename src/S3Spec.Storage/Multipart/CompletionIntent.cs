using Microsoft.Win32.SafeHandles;
using S3Spec.Storage.Metadata;
using S3Spec.Posix;
using S3Spec.Storage.Contract;
using S3Spec.Storage.Posix;

namespace S3Spec.Storage.Multipart;

/// <summary>
/// The record <c>complete</c> a Complete writes into its claimed folder right before it publishes: the identity of
/// the file it is about to publish (inode, size, mtime), whether that file is the placed parts' data file, and the
/// answer. A completer that died after publishing is finished from it (docs/storage.md "Multipart uploads").
/// </summary>
internal sealed record CompletionIntent(ulong Ino, long Size, long MtimeNs, bool Adopted, ObjectInfo Result)
{
    public const string Name = "complete";
    private const byte Version = 1;

    public byte[] Encode()
    {
        using var ms = new MemoryStream();
        using (var w = new BinaryWriter(ms))
        {
            w.Write(Version);
            w.Write(Ino);
            w.Write(Size);
            w.Write(MtimeNs);
            w.Write(Adopted);
            w.Write(RecordCodec.EncodeDone(Result));
        }

        return ms.ToArray();
    }

    public static CompletionIntent? Read(SafeFileHandle claimedDir)
    {
        if (Staging.ReadSmallFile(claimedDir, Name) is not { Length: > 26 } data || data[0] != Version)
        {
            return null;
        }

        using var r = new BinaryReader(new MemoryStream(data, 1, data.Length - 1));
        var ino = r.ReadUInt64();
        var size = r.ReadInt64();
        var mtime = r.ReadInt64();
        var adopted = r.ReadBoolean();
        return RecordCodec.DecodeDone(r.ReadBytes(data.Length - 26)) is { } result ? new CompletionIntent(ino, size, mtime, adopted, result) : null;
    }

    /// <summary>
    /// True when the file of this intent was published: the key names it, or (adopted data file) it has left the
    /// claimed folder — the data file leaves it only by being published (a later writer may have replaced it since).
    /// </summary>
    public bool WasPublished(Volume vol, SafeFileHandle claimedDir)
    {
        if (Resolver.TryOpen(vol, ObjectKey.Parse(Result.Key).Path, Libc.O_PATH, out var h) == 0)
        {
            using (h)
            {
                if (Fs.TryFstat(h!, out var st) == 0 && st.IsRegular && st.Ino == Ino && (long)st.Size == Size && st.MtimeNs == MtimeNs)
                {
                    return true;
                }
            }
        }

        return Adopted && (Fs.TryStatAt(claimedDir, UploadIds.PlacedDataName, follow: false, out var data) != 0 || data.Ino != Ino);
    }
}
