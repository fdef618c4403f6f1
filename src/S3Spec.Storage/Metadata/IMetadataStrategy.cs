using Microsoft.Win32.SafeHandles;
using S3Spec.Storage.Posix;

namespace S3Spec.Storage.Metadata;

/// <summary>
/// Where one volume keeps object records and implicit-directory markers: user xattrs (<see cref="XattrMetadata"/>)
/// or sidecar files (<see cref="SidecarMetadata"/>). Chosen once per volume by <see cref="MetadataStore"/>.
/// </summary>
internal interface IMetadataStrategy
{
    /// <summary>
    /// The stored record of the opened file, whatever its identity (the caller matches it); <paramref name="inXattr"/>:
    /// it was read from the file's own xattr (no sidecar was consulted).
    /// </summary>
    ObjectRecord? Read(Volume vol, SafeFileHandle file, string relPath, out bool inXattr);

    /// <summary>True when reads of this volume may consult sidecar files (a record can live outside the file).</summary>
    bool ReadsSidecars(Volume vol);

    /// <summary>Stores an encoded record for the (not yet published) file that will be <paramref name="relPath"/>.</summary>
    void Write(Volume vol, SafeFileHandle file, string relPath, byte[] record);

    /// <summary>Forgets what is stored for <paramref name="relPath"/> outside the file itself.</summary>
    void Remove(Volume vol, string relPath);

    void MarkImplicit(Volume vol, SafeFileHandle dir, string relPath, ulong ino);

    bool IsImplicit(Volume vol, SafeFileHandle dir, string relPath, ulong ino);

    void ClearImplicit(Volume vol, SafeFileHandle dir, string relPath);
}
