using System.Diagnostics;
using System.Globalization;

namespace S3Spec.Benchmarks;

/// <summary>CPU time and resident memory of a process read from /proc (Linux clock ticks are 100 Hz).</summary>
internal static class ProcStats
{
    private const double TicksPerSecond = 100.0;

    /// <summary>utime + stime of a live process in seconds; null when it is gone.</summary>
    public static double? CpuSeconds(int pid)
    {
        var fields = StatFields(pid);
        return fields is null ? null : (Tick(fields[13]) + Tick(fields[14])) / TicksPerSecond;
    }

    /// <summary>CPU of the waited-for children of a process (cutime + cstime).</summary>
    public static double? ChildrenCpuSeconds(string statLine)
    {
        var fields = Split(statLine);
        return fields is null ? null : (Tick(fields[15]) + Tick(fields[16])) / TicksPerSecond;
    }

    public static double ClientCpuSeconds() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;

    /// <summary>VmRSS in MiB; null when the process is gone.</summary>
    public static double? RssMiB(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    var kb = long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture);
                    return kb / 1024.0;
                }
            }
        }
        catch (IOException)
        {
        }

        return null;
    }

    private static long Tick(string value) => long.Parse(value, CultureInfo.InvariantCulture);

    private static string[]? StatFields(int pid)
    {
        try
        {
            return Split(File.ReadAllText($"/proc/{pid}/stat"));
        }
        catch (IOException)
        {
            return null;
        }
    }

    // The command name (field 2) may hold spaces; it is the text between the first '(' and the last ')'.
    private static string[]? Split(string stat)
    {
        var close = stat.LastIndexOf(')');
        if (close < 0)
        {
            return null;
        }

        var rest = stat[(close + 2)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var fields = new string[rest.Length + 2];
        fields[0] = stat[..stat.IndexOf(' ', StringComparison.Ordinal)];
        fields[1] = "comm";
        Array.Copy(rest, 0, fields, 2, rest.Length);
        return fields;
    }
}

/// <summary>Samples a process's RSS every 100 ms until disposed; keeps the maximum.</summary>
internal sealed class RssSampler : IAsyncDisposable, IDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;

    public RssSampler(int pid)
    {
        loop = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                if (ProcStats.RssMiB(pid) is { } rss && rss > MaxMiB)
                {
                    MaxMiB = rss;
                }

                Samples++;
                try
                {
                    await Task.Delay(100, stop.Token);
                }
                catch (OperationCanceledException)
                {
                }
            }
        });
    }

    public double MaxMiB { get; private set; }

    public void Dispose() => stop.Dispose();

    public int Samples { get; private set; }

    public async ValueTask DisposeAsync()
    {
        if (stop.IsCancellationRequested)
        {
            return;
        }

        await stop.CancelAsync();
        await loop;
    }
}

/// <summary>Client (this process) and server CPU seconds and wall time over one measured block.</summary>
internal sealed class CpuScope
{
    private readonly int? serverPid;
    private readonly double client0;
    private readonly double? server0;
    private readonly Stopwatch clock = Stopwatch.StartNew();

    public CpuScope(int? serverPid)
    {
        this.serverPid = serverPid;
        client0 = ProcStats.ClientCpuSeconds();
        server0 = serverPid is { } pid ? ProcStats.CpuSeconds(pid) : null;
    }

    public Measured Stop()
    {
        var seconds = clock.Elapsed.TotalSeconds;
        var client = ProcStats.ClientCpuSeconds() - client0;
        double? server = serverPid is { } pid && server0 is { } s0 && ProcStats.CpuSeconds(pid) is { } s1 ? s1 - s0 : null;
        return new Measured(seconds, client, server);
    }
}

internal readonly record struct Measured(double Seconds, double ClientCpu, double? ServerCpu);
