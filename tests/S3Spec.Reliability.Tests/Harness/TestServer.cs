using System.Globalization;
using S3Spec.Testing;

namespace S3Spec.Reliability.Harness;

/// <summary>
/// The reliability suites' server: a <see cref="ServerProcess"/> started with an admin key (and optionally a keys
/// file), logging at Warning, keeping the tail of its output. <see cref="Kill"/> is SIGKILL (a crash).
/// </summary>
internal sealed class TestServer : IAsyncDisposable
{
    private readonly ServerProcess process;

    private TestServer(ServerProcess process, Creds admin)
    {
        this.process = process;
        Admin = admin;
    }

    public string DataRoot => process.Options.DataRoot;

    public Creds Admin { get; }

    public string? KeysFile => process.Options.KeysFile;

    public int Port => process.Port;

    public int Pid => process.Pid;

    public bool HasExited => process.HasExited;

    public string Output => process.Output;

    /// <summary>Starts a server; <paramref name="settings"/> are extra settings (names as in the README's table).</summary>
    public static async Task<TestServer> StartAsync(string dataRoot, Creds admin, string? keysFile = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal) { ["Logging__LogLevel__Default"] = "Warning" };
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            environment["S3SPEC__" + name] = value;
        }

        var options = new ServerOptions(dataRoot, admin.AccessKey, admin.Secret, admin.Region)
        {
            KeysFile = keysFile,
            Environment = environment,
            OutputLimit = 256 * 1024,
            KeepOutputTail = true,
        };
        return new TestServer(await ServerProcess.StartAsync(options), admin);
    }

    public S3 Client(Creds? creds = null) => new(Port, creds ?? Admin);

    /// <summary>SIGKILL: no shutdown code runs, as in a crash or an OOM kill.</summary>
    public void Kill() => process.Kill();

    /// <summary>Kills (if running) and starts again over the same data root, on a new port.</summary>
    public Task RestartAsync() => process.RestartAsync();

    /// <summary>Resident set size in KiB (VmRSS), or -1 when the process is gone.</summary>
    public long RssKiB()
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{process.Pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    return long.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
        }

        return -1;
    }

    /// <summary>Stops the server; a server that answered any request with a 500 fails the tests that used it.</summary>
    public async ValueTask DisposeAsync()
    {
        await process.DisposeAsync();
        if (process.InternalErrors > 0)
        {
            throw new InvalidOperationException(
                $"The server answered {process.InternalErrors} request(s) with 500 InternalError; each is a defect:\n{process.InternalErrorReports}");
        }
    }
}
