using System.Runtime.InteropServices;

namespace S3Spec.Reliability.Harness;

/// <summary>The few libc calls the tests need that .NET does not expose.</summary>
internal static partial class Libc
{
    public static void Link(string existing, string newPath)
    {
        if (link(existing, newPath) != 0)
        {
            throw new IOException($"link({existing}, {newPath}) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    /// <summary>The value of an extended attribute of a file (not following a symlink at the end).</summary>
    public static byte[] GetXattr(string path, string name)
    {
        var buffer = new byte[64 * 1024];
        var n = lgetxattr(path, name, buffer, (nuint)buffer.Length);
        return n >= 0 ? buffer[..(int)n] : throw new IOException($"getxattr({path}, {name}) failed: errno {Marshal.GetLastPInvokeError()}");
    }

    public static void SetXattr(string path, string name, byte[] value)
    {
        if (lsetxattr(path, name, value, (nuint)value.Length, 0) != 0)
        {
            throw new IOException($"setxattr({path}, {name}) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int link(string oldpath, string newpath);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint lgetxattr(string path, string name, byte[] value, nuint size);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int lsetxattr(string path, string name, byte[] value, nuint size, int flags);
}
