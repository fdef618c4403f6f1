using S3Spec.Posix;

namespace S3Spec.Storage.Posix;

/// <summary>
/// What tells one directory from another under the same name: device and inode, and the birth time where the
/// filesystem reports one (an inode number freed on a server, NFS, can be given to a new directory).
/// </summary>
internal readonly record struct VolumeIdentity(ulong Dev, ulong Ino, long BirthSec, uint BirthNsec, bool HasBirth)
{
    public static VolumeIdentity Of(in StatxBuffer st) =>
        new(st.Dev, st.Ino, st.HasBirthTime ? st.BtimeSec : 0, st.HasBirthTime ? st.BtimeNsec : 0, st.HasBirthTime);

    /// <summary>The same directory: device and inode equal, and the birth times when both sides have one.</summary>
    public bool SameAs(in VolumeIdentity other) =>
        Dev == other.Dev && Ino == other.Ino
        && (!HasBirth || !other.HasBirth || (BirthSec == other.BirthSec && BirthNsec == other.BirthNsec));
}
