using System.Security.Cryptography;
using System.Text;
using Microsoft.Win32.SafeHandles;
using S3Spec.Storage.Posix;

namespace S3Spec.Storage.Metadata;

/// <summary>
/// Records in sidecar files <c>.s3compat_uploads/.meta/&lt;key&gt;.meta</c> and markers in <c>.meta/&lt;dir&gt;.implicit</c>.
/// The strategy of volumes configured <c>sidecar</c> (<paramref name="always"/>: every read looks there), and the
/// fallback of <see cref="XattrMetadata"/> (reads look there only once the volume has sidecars).
/// </summary>
internal sealed class SidecarMetadata(Staging staging, bool always) : IMetadataStrategy
{
    private const string RecordSuffix = ".meta";
    private const string ImplicitSuffix = ".implicit";

    public ObjectRecord? Read(Volume vol, SafeFileHandle file, string relPath, out bool inXattr)
    {
        inXattr = false;
        return InUse(vol) && ReadBytes(vol, relPath, RecordSuffix) is { } data ? RecordCodec.DecodeObject(data) : null;
    }

    public bool ReadsSidecars(Volume vol) => InUse(vol);

    public void Write(Volume vol, SafeFileHandle file, string relPath, byte[] record) => WriteBytes(vol, relPath, RecordSuffix, record);

    public void Remove(Volume vol, string relPath)
    {
        if (!InUse(vol))
        {
            return;
        }

        using var dir = OpenParent(vol, relPath, create: false, out var leaf);
        if (dir is not null)
        {
            Fs.TryUnlinkAt(dir, leaf + RecordSuffix, false);
            Fs.TryUnlinkAt(dir, leaf + ImplicitSuffix, false);
        }
    }

    public void MarkImplicit(Volume vol, SafeFileHandle dir, string relPath, ulong ino) =>
        WriteBytes(vol, relPath, ImplicitSuffix, BitConverter.GetBytes(ino));

    public bool IsImplicit(Volume vol, SafeFileHandle dir, string relPath, ulong ino) =>
        InUse(vol) && ReadBytes(vol, relPath, ImplicitSuffix) is { Length: 8 } data && BitConverter.ToUInt64(data) == ino;

    public void ClearImplicit(Volume vol, SafeFileHandle dir, string relPath)
    {
        if (!InUse(vol))
        {
            return;
        }

        using var parent = OpenParent(vol, relPath, create: false, out var leaf);
        if (parent is not null)
        {
            Fs.TryUnlinkAt(parent, leaf + ImplicitSuffix, false);
        }
    }

    /// <summary>Sidecar files may exist in this volume (configured so, or the sidecar folder exists or was created).</summary>
    private bool InUse(Volume vol) => always || vol.State.SidecarSeen;

    private byte[]? ReadBytes(Volume vol, string relPath, string suffix)
    {
        using var dir = OpenParent(vol, relPath, create: false, out var leaf);
        return dir is null ? null : Staging.ReadSmallFile(dir, leaf + suffix);
    }

    private void WriteBytes(Volume vol, string relPath, string suffix, byte[] data)
    {
        vol.State.SidecarSeen = true;
        using var dir = OpenParent(vol, relPath, create: true, out var leaf)!;
        staging.WriteSmallFile(dir, leaf + suffix, data);
    }

    /// <summary>Opens the sidecar folder that mirrors the parent of <paramref name="relPath"/>.</summary>
    private SafeFileHandle? OpenParent(Volume vol, string relPath, bool create, out string leaf)
    {
        var segments = relPath.Split('/');
        leaf = segments[^1];
        if (Encoding.UTF8.GetByteCount(leaf) > 240)
        {
            leaf = "#" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(leaf)));
        }

        var cur = staging.OpenRoot(vol, create);
        if (cur is null)
        {
            return null;
        }

        var names = new string[segments.Length];
        names[0] = Staging.MetaDir;
        Array.Copy(segments, 0, names, 1, segments.Length - 1);
        foreach (var name in names)
        {
            var next = staging.OpenDir(cur, name, create);
            cur.Dispose();
            if (next is null)
            {
                return null;
            }

            cur = next;
        }

        return cur;
    }
}
