using S3Spec.Core.Errors;
using S3Spec.Storage.Metadata;
using S3Spec.Posix;
using S3Spec.Storage.Contract;
using S3Spec.Storage.Posix;

namespace S3Spec.Storage.Reading;

/// <summary>Opens an object (or a directory key) beneath its volume; the info describes exactly the opened file.</summary>
internal sealed class ObjectOpener(MetadataStore metadata)
{
    /// <summary>Opens the key's file, looking it up again when it was replaced by another client meanwhile (ESTALE, <see cref="StaleRetry"/>).</summary>
    public FileObjectReader Open(Volume vol, ParsedKey key) =>
        StaleRetry.Run((Opener: this, Vol: vol, Key: key), static s => s.Opener.OpenOnce(s.Vol, s.Key));

    private FileObjectReader OpenOnce(Volume vol, ParsedKey key)
    {
        if (key.IsDirectory)
        {
            var d = Resolver.TryOpen(vol, key.Path, Libc.O_RDONLY | Libc.O_DIRECTORY, out var dir);
            if (d != 0)
            {
                throw d is Errno.ENOENT or Errno.ENOTDIR or Errno.ELOOP ? new S3Exception(S3Errors.NoSuchKey) : FsErrors.Map(d, FsOp.Read, "open directory");
            }

            using (dir)
            {
                return new FileObjectReader(null, ObjectInfos.Directory(key.Key, Fs.Fstat(dir!, FsOp.Read)), null);
            }
        }

        var e = Resolver.TryOpen(vol, key.Path, Libc.O_RDONLY | Libc.O_NONBLOCK, out var h);
        if (e != 0)
        {
            throw FsErrors.Map(e, FsOp.Read, "open object");
        }

        try
        {
            var st = Fs.Fstat(h!, FsOp.Read);
            if (st.IsDirectory)
            {
                throw new S3Exception(S3Errors.NoSuchKey);
            }

            if (!st.IsRegular)
            {
                throw new S3Exception(S3Errors.NotRegularFile);
            }

            var rec = metadata.Read(vol, h!, key.Path, st);
            return new FileObjectReader(h, ObjectInfos.File(key.Key, st, rec), rec);
        }
        catch
        {
            h!.Dispose();
            throw;
        }
    }
}
