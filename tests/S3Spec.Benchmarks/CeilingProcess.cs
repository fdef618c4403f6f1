using System.Diagnostics;
using System.Globalization;
using System.Reflection;

namespace S3Spec.Benchmarks;

/// <summary>
/// The ceiling endpoints (<see cref="CeilingServer"/>: plain Kestrel, the null S3 endpoint, `/alloc`) served by a second harness process
/// (`S3Spec.Benchmarks --serve-ceiling PORT`), so that a probe's server does not share the client's process. Killed on dispose.
/// </summary>
internal sealed class CeilingProcess : IAsyncDisposable, IMeasuredServer
{
    public const string Switch = "--serve-ceiling";

    private readonly Process process;
    private readonly int port;

    private CeilingProcess(Process process, int port)
    {
        this.process = process;
        this.port = port;
    }

    public int Pid => process.Id;

    public string Name => "Kestrel endpoint";

    public Task<long?> AllocatedBytesAsync() => AllocationCounter.ReadAsync(Uri("alloc"), metric: null);

    public Uri Uri(string path) => new($"http://127.0.0.1:{port}/{path}");

    public static async Task<CeilingProcess> StartAsync()
    {
        var port = LoopbackPort.Free();
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("no process path");
        var start = new ProcessStartInfo(self) { UseShellExecute = false, RedirectStandardInput = true };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(Assembly.GetExecutingAssembly().Location);
        }

        start.ArgumentList.Add(Switch);
        start.ArgumentList.Add(port.ToString(CultureInfo.InvariantCulture));
        var process = Process.Start(start) ?? throw new InvalidOperationException("the ceiling process did not start");
        var ceiling = new CeilingProcess(process, port);
        try
        {
            using var http = LoopbackHttp.Create();
            var clock = Stopwatch.StartNew();
            while (true)
            {
                try
                {
                    using var response = await http.GetAsync(ceiling.Uri("bytes/1"));
                    response.EnsureSuccessStatusCode();
                    return ceiling;
                }
                catch (HttpRequestException) when (clock.Elapsed < TimeSpan.FromSeconds(60) && !process.HasExited)
                {
                    await Task.Delay(20);
                }
            }
        }
        catch
        {
            await ceiling.DisposeAsync();
            throw;
        }
    }

    /// <summary>The child's side: serves until its standard input closes (or it is killed).</summary>
    public static async Task<int> ServeAsync(string portArgument)
    {
        await using var server = await CeilingServer.StartAsync(int.Parse(portArgument, CultureInfo.InvariantCulture));
        await Console.In.ReadToEndAsync();
        return 0;
    }

    public async ValueTask DisposeAsync()
    {
        await ChildProcess.StopAsync(process);
    }
}
