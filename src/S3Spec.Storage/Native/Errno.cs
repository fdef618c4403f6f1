namespace S3Spec.Storage.Native;

/// <summary>Linux errno values (identical on x86-64 and arm64).</summary>
internal static class Errno
{
    public const int EPERM = 1;
    public const int ENOENT = 2;
    public const int EINTR = 4;
    public const int EIO = 5;
    public const int ENXIO = 6;
    public const int E2BIG = 7;
    public const int EBADF = 9;
    public const int EAGAIN = 11;
    public const int ENOMEM = 12;
    public const int EACCES = 13;
    public const int EFAULT = 14;
    public const int EBUSY = 16;
    public const int EEXIST = 17;
    public const int EXDEV = 18;
    public const int ENODEV = 19;
    public const int ENOTDIR = 20;
    public const int EISDIR = 21;
    public const int EINVAL = 22;
    public const int ENFILE = 23;
    public const int EMFILE = 24;
    public const int ETXTBSY = 26;
    public const int EFBIG = 27;
    public const int ENOSPC = 28;
    public const int EROFS = 30;
    public const int EMLINK = 31;
    public const int ERANGE = 34;
    public const int EDEADLK = 35;
    public const int ENAMETOOLONG = 36;
    public const int ENOLCK = 37;
    public const int ENOSYS = 38;
    public const int ENOTEMPTY = 39;
    public const int ELOOP = 40;
    public const int ENODATA = 61;
    public const int ETIME = 62;
    public const int EREMOTE = 66;
    public const int ENOLINK = 67;
    public const int ECOMM = 70;
    public const int EPROTO = 71;
    public const int EMULTIHOP = 72;
    public const int EBADMSG = 74;
    public const int EOVERFLOW = 75;
    public const int EILSEQ = 84;
    public const int EOPNOTSUPP = 95;
    public const int ENETDOWN = 100;
    public const int ENETUNREACH = 101;
    public const int ENETRESET = 102;
    public const int ECONNABORTED = 103;
    public const int ECONNRESET = 104;
    public const int ENOBUFS = 105;
    public const int ENOTCONN = 107;
    public const int ESHUTDOWN = 108;
    public const int ETIMEDOUT = 110;
    public const int ECONNREFUSED = 111;
    public const int EHOSTDOWN = 112;
    public const int EHOSTUNREACH = 113;
    public const int ESTALE = 116;
    public const int EUCLEAN = 117;
    public const int EREMOTEIO = 121;
    public const int EDQUOT = 122;
    public const int ENOMEDIUM = 123;
    public const int EMEDIUMTYPE = 124;
    public const int ECANCELED = 125;
    public const int ENOKEY = 126;
    public const int EKEYEXPIRED = 127;
    public const int EKEYREVOKED = 128;
    public const int EKEYREJECTED = 129;

    /// <summary>Pseudo errno: the path resolved into the staging folder through a symlink.</summary>
    public const int Reserved = -1000;

    /// <summary>Pseudo errno: the path resolves through a symlink that leaves the volume.</summary>
    public const int Escapes = -1001;
}
