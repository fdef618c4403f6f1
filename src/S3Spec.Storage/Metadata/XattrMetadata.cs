using Microsoft.Extensions.Logging;
using Microsoft.Win32.SafeHandles;
using S3Spec.Posix;
using S3Spec.Storage.Posix;

namespace S3Spec.Storage.Metadata;

/// <summary>
/// Records in the user xattr <c>user.s3spec.meta</c> and markers in <c>user.s3spec.implicit</c>, with sidecar files
/// where they exist (reads) or where the volume refuses a value (writes). <paramref name="writesXattrs"/> is false for
/// a volume whose probe found no user xattrs: it writes sidecars only but still reads xattrs other writers left.
/// </summary>
internal sealed partial class XattrMetadata(SidecarMetadata sidecars, bool writesXattrs, ILogger logger) : IMetadataStrategy
{
    public const string MetaXattr = "user.s3spec.meta";
    public const string ImplicitXattr = "user.s3spec.implicit";

    public ObjectRecord? Read(Volume vol, SafeFileHandle file, string relPath, out bool inXattr)
    {
        var data = Fs.TryGetXattr(file, MetaXattr, out var e);
        if (data is null && e == Errno.ESTALE)
        {
            // The descriptor's file was replaced through another client (GlusterFS answers ESTALE here): the path is
            // looked up again (StaleRetry) instead of answering the file without its record, i.e. a wrong ETag.
            throw FsErrors.Map(e, FsOp.Read, "read the object's record");
        }

        var rec = data is null ? null : RecordCodec.DecodeObject(data);
        inXattr = rec is not null;
        return rec ?? sidecars.Read(vol, file, relPath, out _);
    }

    public bool ReadsSidecars(Volume vol) => sidecars.ReadsSidecars(vol);

    public void Write(Volume vol, SafeFileHandle file, string relPath, byte[] record)
    {
        if (writesXattrs)
        {
            var e = Fs.TrySetXattr(file, MetaXattr, record);
            if (e == 0)
            {
                return;
            }

            // A refusal (unsupported, value too big, no room in the inode's xattr block) is never a full disk.
            LogXattrRefused(logger, vol.Name, e);
        }

        sidecars.Write(vol, file, relPath, record);
    }

    public void Remove(Volume vol, string relPath) => sidecars.Remove(vol, relPath);

    public void MarkImplicit(Volume vol, SafeFileHandle dir, string relPath, ulong ino)
    {
        if (writesXattrs && Fs.TrySetXattr(dir, ImplicitXattr, "1"u8) == 0)
        {
            return;
        }

        sidecars.MarkImplicit(vol, dir, relPath, ino);
    }

    public bool IsImplicit(Volume vol, SafeFileHandle dir, string relPath, ulong ino) =>
        Fs.TryGetXattr(dir, ImplicitXattr, out _) is not null || sidecars.IsImplicit(vol, dir, relPath, ino);

    public void ClearImplicit(Volume vol, SafeFileHandle dir, string relPath)
    {
        Fs.TryRemoveXattr(dir, ImplicitXattr);
        sidecars.ClearImplicit(vol, dir, relPath);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Volume {Volume}: user xattr refused (errno {Errno}); metadata goes to a sidecar file")]
    private static partial void LogXattrRefused(ILogger logger, string volume, int errno);
}
