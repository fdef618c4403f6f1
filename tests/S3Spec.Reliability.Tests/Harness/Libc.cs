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

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int link(string oldpath, string newpath);
}
