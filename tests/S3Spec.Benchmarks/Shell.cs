using System.Diagnostics;

namespace S3Spec.Benchmarks;

/// <summary>Runs a shell command to completion; returns its exit code, output and the CPU its children used.</summary>
internal static class Shell
{
    public static async Task<ShellResult> RunAsync(string command, IReadOnlyDictionary<string, string>? environment = null)
    {
        // The trailing `cat /proc/$$/stat` reports cutime/cstime of the shell: the CPU of the command it waited for.
        var start = new ProcessStartInfo("/bin/bash")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"{{ {command} ; }} > /tmp/s3spec-bench-shell.$$.out 2>&1; rc=$?; tail -c 4000 /tmp/s3spec-bench-shell.$$.out >&2; rm -f /tmp/s3spec-bench-shell.$$.out; cat /proc/$$/stat; exit $rc");
        if (environment is not null)
        {
            foreach (var (name, value) in environment)
            {
                start.Environment[name] = value;
            }
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var seconds = clock.Elapsed.TotalSeconds;
        var stat = (await stdout).Trim();
        return new ShellResult(process.ExitCode, seconds, ProcStats.ChildrenCpuSeconds(stat), await stderr);
    }
}

internal sealed record ShellResult(int ExitCode, double Seconds, double? ChildCpu, string Output)
{
    public ShellResult EnsureSuccess(string what) =>
        ExitCode == 0 ? this : throw new InvalidOperationException($"{what} exited with {ExitCode}: {Output}");
}
