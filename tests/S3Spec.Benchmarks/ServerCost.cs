namespace S3Spec.Benchmarks;

/// <summary>A server process the harness measures: its pid (CPU from /proc) and, when it can tell, its managed allocations.</summary>
internal interface IMeasuredServer
{
    string Name { get; }

    int Pid { get; }

    /// <summary>Bytes the server's runtime allocated since it started; null when the server cannot tell (the peers).</summary>
    Task<long?> AllocatedBytesAsync();
}

/// <summary>
/// The server's own cost over one measured block, per request: CPU (utime+stime of its pid) in microseconds and
/// managed allocations in bytes (the runtime's counter, read before and after the block).
/// </summary>
internal sealed class ServerCost
{
    private readonly IMeasuredServer server;
    private readonly CpuScope cpu;
    private readonly long? allocated0;

    private ServerCost(IMeasuredServer server, CpuScope cpu, long? allocated0)
    {
        this.server = server;
        this.cpu = cpu;
        this.allocated0 = allocated0;
    }

    public static async Task<ServerCost> StartAsync(IMeasuredServer server)
    {
        var allocated = await server.AllocatedBytesAsync();
        return new ServerCost(server, new CpuScope(server.Pid), allocated);
    }

    public async Task<Cost> StopAsync(long requests)
    {
        var measured = cpu.Stop();
        var allocated = await server.AllocatedBytesAsync();
        double? usPerRequest = measured.ServerCpu is { } s && requests > 0 ? s * 1e6 / requests : null;
        double? bytesPerRequest = allocated0 is { } a0 && allocated is { } a1 && requests > 0 ? (double)(a1 - a0) / requests : null;
        return new Cost(measured, usPerRequest, bytesPerRequest);
    }
}

/// <summary>CPU and wall time of a block, and the server's CPU microseconds and allocated bytes per request.</summary>
internal readonly record struct Cost(Measured Cpu, double? ServerUsPerRequest, double? AllocatedBytesPerRequest);
