using Microsoft.Win32.SafeHandles;
using S3Spec.Core.Errors;
using S3Spec.Storage.Metadata;
using S3Spec.Posix;
using S3Spec.Storage.Contract;
using S3Spec.Storage.Posix;

namespace S3Spec.Storage.Writing;

/// <summary>
/// Makes a finished temp file visible under its key with one renameat, creating missing parent directories
/// (marked implicit) first. A parent removed concurrently (ENOENT) is recreated and the rename retried.
/// <c>forceLinkFallback</c> (<see cref="StorageOptions.ForceLinkFallback"/>, a test seam) behaves as if renameat2
/// were refused (EINVAL), exercising the linkat fallback.
/// </summary>
internal sealed class Publisher(Staging staging, MetadataStore metadata, Durability durability, bool forceLinkFallback = false)
{
    private const int Attempts = 5;

    /// <summary>
    /// Renames the temp file into place (<see cref="Rename"/>), then, with the key lock released, returns once the
    /// parent directory's fsync has put the new name on disk.
    /// </summary>
    public async Task PublishAsync(Volume vol, TempFile temp, ParsedKey key, ObjectRecord? record = null, WriteConditions? conditions = null)
    {
        using var parent = Rename(vol, temp, key, record, conditions);
        await durability.DirectoryAsync(parent).ConfigureAwait(false);
    }

    /// <summary>
    /// Under the key lock: evaluates <paramref name="conditions"/>, stores <paramref name="record"/> (when given) and
    /// renames the temp file into place; answers the parent directory, still to be fsynced. With If-None-Match the
    /// rename is renameat2(RENAME_NOREPLACE) (linkat + unlink where that is refused), so even a writer that takes no
    /// lock cannot be overwritten.
    /// </summary>
    private SafeFileHandle Rename(Volume vol, TempFile temp, ParsedKey key, ObjectRecord? record, WriteConditions? conditions)
    {
        using var keyLock = KeyLock.Acquire(staging, vol, key.Key);
        conditions?.Check(vol, key, metadata);
        if (record is not null)
        {
            metadata.Write(vol, temp.File, key.Path, record);
        }

        var noReplace = conditions is { IfNoneMatchAny: true };
        for (var attempt = 0; ; attempt++)
        {
            var parent = EnsureParent(vol, key);
            var published = false;
            try
            {
                published = TryRename(temp, parent, key, noReplace, attempt);
            }
            finally
            {
                if (!published)
                {
                    parent.Dispose();
                }
            }

            if (published)
            {
                return parent;
            }
        }
    }

    /// <summary>One attempt: true when renamed, false when the parent vanished (retry); throws the S3 error otherwise.</summary>
    private bool TryRename(TempFile temp, SafeFileHandle parent, ParsedKey key, bool noReplace, int attempt)
    {
        if (Fs.TryStatAt(parent, key.Leaf, follow: false, out var existing) == 0 && existing.IsDirectory)
        {
            throw new S3Exception(S3Errors.ExistingObjectIsDirectory);
        }

        var e = noReplace ? RenameNoReplace(temp, parent, key.Leaf) : Fs.TryRenameAt(temp.Dir, temp.Name, parent, key.Leaf);
        if (e == 0)
        {
            temp.Published = true;
            return true;
        }

        if (e == Errno.ENOENT && attempt < Attempts)
        {
            return false;
        }

        if (noReplace && e == Errno.EEXIST)
        {
            throw new S3Exception(S3Errors.PreconditionFailed, "If-None-Match: the object already exists.");
        }

        throw e is Errno.EISDIR or Errno.ENOTEMPTY or Errno.EEXIST
            ? new S3Exception(S3Errors.ExistingObjectIsDirectory)
            : FsErrors.Map(e, FsOp.Write, "rename into place");
    }

    private int RenameNoReplace(TempFile temp, SafeFileHandle parent, string leaf)
    {
        var e = forceLinkFallback ? Errno.EINVAL : Fs.TryRenameNoReplace(temp.Dir, temp.Name, parent, leaf);
        if (e is not (Errno.EINVAL or Errno.ENOSYS))
        {
            return e;
        }

        e = Fs.TryLinkAt(temp.Dir, temp.Name, parent, leaf);
        if (e is Errno.EPERM or Errno.EOPNOTSUPP)
        {
            // No hard links either (some FUSE/SMB mounts): the existence check made under the key lock stands.
            return Fs.TryRenameAt(temp.Dir, temp.Name, parent, leaf);
        }

        if (e == 0)
        {
            Fs.TryUnlinkAt(temp.Dir, temp.Name, false);
        }

        return e;
    }

    /// <summary>PUT of "dir/": creates the directory (explicit: an implicit marker it had is removed).</summary>
    public SafeFileHandle MakeDirectory(Volume vol, ParsedKey key)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var parent = EnsureParent(vol, key);
            var e = Fs.TryMkdirAt(parent, key.Leaf, staging.Ownership.CreateDirMode);
            var created = e == 0;
            if (e != 0 && e != Errno.EEXIST && !(e == Errno.ENOENT && attempt < Attempts))
            {
                throw FsErrors.Map(e, FsOp.Write, "mkdir");
            }

            if (e == Errno.ENOENT)
            {
                continue;
            }

            e = Fs.TryOpenAt(parent, key.Leaf, Libc.O_RDONLY | Libc.O_DIRECTORY | Libc.O_NOFOLLOW, 0, out var dir);
            if (e == Errno.ENOENT && attempt < Attempts)
            {
                continue;
            }

            if (e is Errno.ENOTDIR or Errno.ELOOP)
            {
                throw new S3Exception(S3Errors.ObjectParentIsFile, "A file (or symlink) with this name exists.");
            }

            if (e != 0)
            {
                throw FsErrors.Map(e, FsOp.Write, "open new directory");
            }

            if (created)
            {
                staging.Ownership.Apply(dir!, directory: true);
                Libc.Fsync(Fs.Fd(parent));
            }
            else
            {
                metadata.ClearImplicit(vol, dir!, key.Path);
            }

            return dir!;
        }
    }

    /// <summary>Opens (O_RDONLY|O_DIRECTORY) the parent directory of <paramref name="key"/>, creating missing ones.</summary>
    public SafeFileHandle EnsureParent(Volume vol, ParsedKey key)
    {
        var n = key.Segments.Length - 1;
        var e = Resolver.TryOpen(vol, key.ParentPath, Libc.O_RDONLY | Libc.O_DIRECTORY, out var fast);
        if (e == 0)
        {
            return fast!;
        }

        if (e != Errno.ENOENT)
        {
            throw FsErrors.Map(e, FsOp.Write, "open parent");
        }

        for (var attempt = 0; ; attempt++)
        {
            var cur = OpenDir(vol, "");
            var path = "";
            var restart = false;
            for (var i = 0; i < n && !restart; i++)
            {
                path = i == 0 ? key.Segments[0] : path + "/" + key.Segments[i];
                e = Resolver.TryOpen(vol, path, Libc.O_RDONLY | Libc.O_DIRECTORY, out var next);
                if (e == Errno.ENOENT)
                {
                    e = Fs.TryMkdirAt(cur, key.Segments[i], staging.Ownership.CreateDirMode);
                    if (e == 0)
                    {
                        e = Fs.TryOpenAt(cur, key.Segments[i], Libc.O_RDONLY | Libc.O_DIRECTORY | Libc.O_NOFOLLOW, 0, out next);
                        if (e == 0)
                        {
                            staging.Ownership.Apply(next!, directory: true);
                            metadata.MarkImplicit(vol, next!, path, Fs.Fstat(next!, FsOp.Write).Ino);
                            Libc.Fsync(Fs.Fd(cur));
                        }
                    }
                    else if (e == Errno.EEXIST)
                    {
                        e = Resolver.TryOpen(vol, path, Libc.O_RDONLY | Libc.O_DIRECTORY, out next);
                    }
                }

                if (e == Errno.ENOENT && attempt < Attempts)
                {
                    restart = true;
                    continue;
                }

                if (e != 0)
                {
                    cur.Dispose();
                    throw FsErrors.Map(e, FsOp.Write, "create parent");
                }

                cur.Dispose();
                cur = next!;
            }

            if (!restart)
            {
                return cur;
            }

            cur.Dispose();
        }
    }

    private static SafeFileHandle OpenDir(Volume vol, string path)
    {
        var e = Resolver.TryOpen(vol, path, Libc.O_RDONLY | Libc.O_DIRECTORY, out var h);
        return e == 0 ? h! : throw FsErrors.Map(e, FsOp.Write, "open directory");
    }
}
