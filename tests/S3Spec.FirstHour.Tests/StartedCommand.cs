using System.Diagnostics;
using System.Text;

namespace S3Spec.FirstHour.Tests;

/// <summary>A long-running command (a server) whose output is collected; dispose kills its whole process tree.</summary>
internal sealed class StartedCommand : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly object gate = new();

    private StartedCommand(Process process)
    {
        this.process = process;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Pid => process.Id;

    public bool HasExited => process.HasExited;

    public string Output
    {
        get
        {
            lock (gate)
            {
                return output.ToString();
            }
        }
    }

    public static StartedCommand Start(string file, IEnumerable<string> args, string workingDirectory, IReadOnlyDictionary<string, string>? environment = null) =>
        new(Process.Start(Commands.Start(file, args, workingDirectory, environment)) ?? throw new InvalidOperationException(file + " did not start"));

    /// <summary>Waits until the output holds <paramref name="text"/>; fails with the output when the command exits or the time passes.</summary>
    public async Task<string> WaitForAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var now = Output;
            if (now.Contains(text, StringComparison.Ordinal))
            {
                // The block is written as a whole; give the last lines a moment to arrive.
                await Task.Delay(300);
                return Output;
            }

            if (process.HasExited)
            {
                break;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"'{text}' did not appear (exited: {process.HasExited}). Output:\n{Output}");
    }

    /// <summary>SIGTERM, then the process tree is killed if it has not ended within <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (process.HasExited)
        {
            return;
        }

        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        try
        {
            await process.WaitForExitAsync().WaitAsync(grace);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
        catch (InvalidOperationException)
        {
        }

        process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (gate)
        {
            output.AppendLine(line);
        }
    }
}
