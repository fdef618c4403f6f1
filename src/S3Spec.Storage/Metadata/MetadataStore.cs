using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Win32.SafeHandles;
using S3Spec.Core.Errors;
using S3Spec.Posix;
using S3Spec.Storage.Posix;

namespace S3Spec.Storage.Metadata;

/// <summary>
/// Object records in the user xattr <c>user.s3spec.meta</c>, or in sidecar files
/// <c>.s3compat_uploads/.meta/&lt;key&gt;.meta</c> where the volume refuses user xattrs. Implicit-directory
/// markers: xattr <c>user.s3spec.implicit</c> or sidecar <c>.meta/&lt;dir&gt;.implicit</c>.
/// </summary>
internal sealed partial class MetadataStore(StorageOptions options, Staging staging, ILogger logger)
{
    public const string MetaXattr = "user.s3spec.meta";
    public const string ImplicitXattr = "user.s3spec.implicit";
    private const int ModeXattr = 1;
    private const int ModeSidecar = 2;
    private const int MaxRecordBytes = 16 * 1024;

    public ObjectRecord? Read(Volume vol, SafeFileHandle file, string relPath, in StatxBuffer st)
    {
        ObjectRecord? rec = null;
        if (!IsForcedSidecar)
        {
            var data = Fs.TryGetXattr(file, MetaXattr, out _);
            rec = data is null ? null : RecordCodec.DecodeObject(data);
        }

        if (rec is null && (IsForcedSidecar || vol.State.SidecarSeen))
        {
            rec = ReadSidecar(vol, relPath, ".meta");
        }

        return rec is not null && rec.Matches(st.Ino, (long)st.Size, st.MtimeNs) ? rec : null;
    }

    /// <summary>Stores the record for the (not yet published) file that will be <paramref name="relPath"/>.</summary>
    public void Write(Volume vol, SafeFileHandle file, string relPath, ObjectRecord rec)
    {
        var data = RecordCodec.EncodeObject(rec);
        if (data.Length > MaxRecordBytes)
        {
            throw new S3Exception(S3Errors.MetadataTooLarge);
        }

        if (ModeOf(vol) == ModeXattr)
        {
            var e = Fs.TrySetXattr(file, MetaXattr, data);
            if (e == 0)
            {
                return;
            }

            // A refusal (unsupported, value too big, no room in the inode's xattr block) is never a full disk.
            LogXattrRefused(logger, vol.Name, e);
        }

        WriteSidecar(vol, relPath, ".meta", data);
    }

    /// <summary>Forgets the record of <paramref name="relPath"/> (its sidecar, when sidecars are in use).</summary>
    public void Remove(Volume vol, string relPath)
    {
        if (!IsForcedSidecar && !vol.State.SidecarSeen)
        {
            return;
        }

        using var dir = OpenSidecarParent(vol, relPath, create: false, out var leaf);
        if (dir is not null)
        {
            Fs.TryUnlinkAt(dir, leaf + ".meta", false);
            Fs.TryUnlinkAt(dir, leaf + ".implicit", false);
        }
    }

    public void MarkImplicit(Volume vol, SafeFileHandle dir, string relPath, ulong ino)
    {
        if (ModeOf(vol) == ModeXattr && Fs.TrySetXattr(dir, ImplicitXattr, "1"u8) == 0)
        {
            return;
        }

        WriteSidecar(vol, relPath, ".implicit", BitConverter.GetBytes(ino));
    }

    public bool IsImplicit(Volume vol, SafeFileHandle dir, string relPath, ulong ino)
    {
        if (!IsForcedSidecar && Fs.TryGetXattr(dir, ImplicitXattr, out _) is not null)
        {
            return true;
        }

        if (!IsForcedSidecar && !vol.State.SidecarSeen)
        {
            return false;
        }

        var data = ReadSidecarBytes(vol, relPath, ".implicit");
        return data is { Length: 8 } && BitConverter.ToUInt64(data) == ino;
    }

    public void ClearImplicit(Volume vol, SafeFileHandle dir, string relPath)
    {
        if (!IsForcedSidecar)
        {
            Fs.TryRemoveXattr(dir, ImplicitXattr);
        }

        if (IsForcedSidecar || vol.State.SidecarSeen)
        {
            using var parent = OpenSidecarParent(vol, relPath, create: false, out var leaf);
            if (parent is not null)
            {
                Fs.TryUnlinkAt(parent, leaf + ".implicit", false);
            }
        }
    }

    private bool IsForcedSidecar => string.Equals(options.MetadataStore, "sidecar", StringComparison.OrdinalIgnoreCase);

    private int ModeOf(Volume vol)
    {
        var state = vol.State;
        if (state.MetadataMode != 0)
        {
            return state.MetadataMode;
        }

        lock (state.Gate)
        {
            if (state.MetadataMode == 0)
            {
                state.MetadataMode = IsForcedSidecar ? ModeSidecar
                    : string.Equals(options.MetadataStore, "xattr", StringComparison.OrdinalIgnoreCase) ? ModeXattr
                    : Probe(vol);
            }

            return state.MetadataMode;
        }
    }

    private int Probe(Volume vol)
    {
        using var tmp = staging.OpenTmp(vol);
        using var h = staging.CreateFile(tmp, out var name);
        var e = Fs.TrySetXattr(h, "user.s3spec.probe", "1"u8);
        Fs.TryUnlinkAt(tmp, name, false);
        if (e == 0)
        {
            return ModeXattr;
        }

        LogSidecarMode(logger, vol.Name, e);
        return ModeSidecar;
    }

    private ObjectRecord? ReadSidecar(Volume vol, string relPath, string suffix)
    {
        var data = ReadSidecarBytes(vol, relPath, suffix);
        return data is null ? null : RecordCodec.DecodeObject(data);
    }

    private byte[]? ReadSidecarBytes(Volume vol, string relPath, string suffix)
    {
        using var dir = OpenSidecarParent(vol, relPath, create: false, out var leaf);
        return dir is null ? null : Staging.ReadSmallFile(dir, leaf + suffix);
    }

    private void WriteSidecar(Volume vol, string relPath, string suffix, byte[] data)
    {
        vol.State.SidecarSeen = true;
        using var dir = OpenSidecarParent(vol, relPath, create: true, out var leaf)!;
        staging.WriteSmallFile(dir, leaf + suffix, data);
    }

    /// <summary>Opens the sidecar folder that mirrors the parent of <paramref name="relPath"/>.</summary>
    private SafeFileHandle? OpenSidecarParent(Volume vol, string relPath, bool create, out string leaf)
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Volume {Volume}: user xattr refused (errno {Errno}); metadata goes to a sidecar file")]
    private static partial void LogXattrRefused(ILogger logger, string volume, int errno);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Volume {Volume} does not support user xattrs (errno {Errno}); using sidecar metadata files")]
    private static partial void LogSidecarMode(ILogger logger, string volume, int errno);
}
