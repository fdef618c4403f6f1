namespace S3Spec.Storage.Native;

/// <summary>Linux errno values (identical on x86-64 and arm64).</summary>
internal static class Errno
{
    public const int EPERM = 1;
    public const int ENOENT = 2;
    public const int EINTR = 4;
    public const int ENXIO = 6;
    public const int EAGAIN = 11;
    public const int E2BIG = 7;
    public const int EACCES = 13;
    public const int EEXIST = 17;
    public const int EXDEV = 18;
    public const int ENOTDIR = 20;
    public const int EISDIR = 21;
    public const int EINVAL = 22;
    public const int EFBIG = 27;
    public const int ENOSPC = 28;
    public const int EROFS = 30;
    public const int ERANGE = 34;
    public const int ENAMETOOLONG = 36;
    public const int ENOSYS = 38;
    public const int ENOTEMPTY = 39;
    public const int ELOOP = 40;
    public const int ENODATA = 61;
    public const int EOPNOTSUPP = 95;
    public const int EDQUOT = 122;

    /// <summary>Pseudo errno: the path resolved into the staging folder through a symlink.</summary>
    public const int Reserved = -1000;

    /// <summary>Pseudo errno: the path resolves through a symlink that leaves the volume.</summary>
    public const int Escapes = -1001;
}
