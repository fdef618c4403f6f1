using System.Runtime.InteropServices;

namespace S3Spec.Testing;

/// <summary>SIGTERM, which .NET's Process cannot send (Kill is SIGKILL).</summary>
internal static partial class Signals
{
    private const int SigTerm = 15;

    public static bool Terminate(int pid) => kill(pid, SigTerm) == 0;

    [LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int pid, int sig);
}
