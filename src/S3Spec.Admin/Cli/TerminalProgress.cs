namespace S3Spec.Admin.Cli;

/// <summary>
/// One status line of a long command on a terminal (stderr, rewritten in place with '\r', at most ten times a second,
/// cleared at the end). When stderr is not a terminal (piped, redirected, a test) it writes nothing, so scripts and
/// logs see only the command's result lines.
/// </summary>
internal sealed class TerminalProgress : IDisposable
{
    private static readonly TimeSpan MinInterval = TimeSpan.FromMilliseconds(100);
    private readonly TextWriter error;
    private readonly bool enabled;
    private readonly TimeProvider time;
    private DateTimeOffset last = DateTimeOffset.MinValue;
    private int width;

    public TerminalProgress(TextWriter error, bool enabled, TimeProvider time)
    {
        this.error = error;
        this.enabled = enabled;
        this.time = time;
    }

    /// <summary>A progress that never writes.</summary>
    public static TerminalProgress Quiet { get; } = new(TextWriter.Null, enabled: false, TimeProvider.System);

    /// <summary>True when stderr is a terminal that can rewrite a line (not redirected, TERM not "dumb").</summary>
    public static bool IsInteractive(Func<string, string?> environment) =>
        !Console.IsErrorRedirected && environment("TERM") is not "dumb";

    /// <summary>Shows <paramref name="status"/> (throttled unless <paramref name="force"/>).</summary>
    public void Report(string status, bool force = false)
    {
        if (!enabled)
        {
            return;
        }

        var now = time.GetUtcNow();
        if (!force && now - last < MinInterval)
        {
            return;
        }

        last = now;
        var pad = Math.Max(0, width - status.Length);
        error.Write("\r" + status + new string(' ', pad));
        error.Flush();
        width = status.Length;
    }

    /// <summary>Clears the line, so that the result printed next starts on a clean one.</summary>
    public void Dispose()
    {
        if (enabled && width > 0)
        {
            error.Write("\r" + new string(' ', width) + "\r");
            error.Flush();
            width = 0;
        }
    }
}
