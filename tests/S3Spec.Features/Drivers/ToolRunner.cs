using System.Diagnostics;

namespace S3Spec.Features.Drivers;

/// <summary>Runs a command-line client with exactly the environment a scenario gives it and captures its output.</summary>
public static class ToolRunner
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <param name="environment">Variables to set; a null value removes the variable.</param>
    public static async Task<ToolResult> RunAsync(string executable, IReadOnlyList<string> arguments, string workingDirectory,
        IReadOnlyDictionary<string, string?> environment, CancellationToken cancellationToken = default)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        foreach (var name in new[] { "AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_CA_BUNDLE", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_S3" })
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{executable} did not start");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return new ToolResult(executable, 127, "", $"{executable} is not installed on this machine: {ex.Message}", string.Join(' ', arguments));
        }

        using (process)
        {
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Timeout);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                return new ToolResult(executable, -1, await stdout, await stderr + $"\n(killed after {Timeout})", string.Join(' ', arguments));
            }

            return new ToolResult(executable, process.ExitCode, await stdout, await stderr, string.Join(' ', arguments));
        }
    }
}

public sealed record ToolResult(string Tool, int ExitCode, string StandardOutput, string StandardError, string CommandLine)
{
    public bool Succeeded => ExitCode == 0;

    public override string ToString() => $"{Tool} {CommandLine} → exit {ExitCode}\nstdout: {StandardOutput}\nstderr: {StandardError}";
}
