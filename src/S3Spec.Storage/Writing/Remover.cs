using S3Spec.Storage.Metadata;
using S3Spec.Posix;
using S3Spec.Storage.Contract;
using S3Spec.Storage.Posix;

namespace S3Spec.Storage.Writing;

/// <summary>
/// DeleteObject: unlinks the file (or removes the empty directory of a "dir/" key), then removes parent
/// directories that the API created implicitly and that became empty, up to the volume root.
/// </summary>
internal sealed class Remover(MetadataStore metadata)
{
    public void Delete(Volume vol, ParsedKey key)
    {
        var e = Resolver.TryOpen(vol, key.ParentPath, Libc.O_RDONLY | Libc.O_DIRECTORY, out var parent);
        if (e is Errno.ENOENT or Errno.ENOTDIR)
        {
            return;
        }

        if (e != 0)
        {
            throw FsErrors.Map(e, FsOp.Write, "open parent");
        }

        using (parent)
        {
            e = Fs.TryUnlinkAt(parent!, key.Leaf, key.IsDirectory);
            switch (e)
            {
                case 0:
                    metadata.Remove(vol, key.Path);
                    break;
                case Errno.ENOENT or Errno.ENOTDIR or Errno.EISDIR:
                    return; // absent, or a file/directory mismatch: no such object, nothing to do
                case Errno.ENOTEMPTY or Errno.EEXIST:
                    return; // "dir/" that still holds objects: kept, success
                default:
                    throw FsErrors.Map(e, FsOp.Write, "unlink");
            }
        }

        RemoveImplicitParents(vol, key);
    }

    private void RemoveImplicitParents(Volume vol, ParsedKey key)
    {
        for (var depth = key.Segments.Length - 1; depth >= 1; depth--)
        {
            var path = string.Join('/', key.Segments, 0, depth);
            var grandParentPath = depth == 1 ? "" : string.Join('/', key.Segments, 0, depth - 1);
            if (Resolver.TryOpen(vol, grandParentPath, Libc.O_RDONLY | Libc.O_DIRECTORY, out var grand) != 0)
            {
                return;
            }

            using (grand)
            {
                var name = key.Segments[depth - 1];
                if (Fs.TryOpenAt(grand!, name, Libc.O_RDONLY | Libc.O_DIRECTORY | Libc.O_NOFOLLOW, 0, out var dir) != 0)
                {
                    return;
                }

                using (dir)
                {
                    var st = Fs.Fstat(dir!, FsOp.Write);
                    if (!metadata.IsImplicit(vol, dir!, path, st.Ino))
                    {
                        return;
                    }
                }

                if (Fs.TryUnlinkAt(grand!, name, true) != 0)
                {
                    return;
                }

                metadata.Remove(vol, path);
            }
        }
    }
}
