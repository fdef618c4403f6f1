using System.Diagnostics;

namespace S3Spec.Benchmarks;

/// <summary>Stops a process the harness started: kills its whole tree, waits for it (bounded) and disposes it.</summary>
internal static class ChildProcess
{
    public static async Task StopAsync(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(15));
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        process.Dispose();
    }
}
