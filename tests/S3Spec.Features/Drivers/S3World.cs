using System.Text;
using Reqnroll;

namespace S3Spec.Features.Drivers;

/// <summary>
/// Everything one scenario knows: where it works (its volume and key prefix), its drivers, and what the last request
/// answered. Keys in feature files are relative to the scenario's prefix; <see cref="Key"/> adds it.
/// </summary>
public sealed class S3World(ScenarioContext scenario)
{
    private SdkDriver? sdk;
    private SdkDriver? defaultSdk;
    private CliDriver? cli;
    private RawHttpDriver? raw;
    private ScenarioSpace? space;
    private ScenarioSpace? second;
    private ObjectClient? objects;

    public IS3Target Target { get; } = TestRun.Target;

    /// <summary>The 500s the target's own server had answered when the scenario began.</summary>
    private readonly int internalErrorsBefore = TestRun.Target.OwnServer?.InternalErrors ?? 0;

    public ScenarioSpace Space => space ??= Target.AllocateSpace(Hint(scenario.ScenarioInfo.Title));

    public string Volume => Space.Volume;

    public string Prefix => Space.Prefix;

    /// <summary>A second place to work in another volume (needs a data root to make the volume).</summary>
    public ScenarioSpace SecondSpace => second ??= Target.AllocateSpace("second");

    /// <summary>The extra server this scenario started and now talks to, or null for the target's own server.</summary>
    public IServerInstance? Server { get; private set; }

    /// <summary>Where requests go: the scenario's extra server once it started one, else the target.</summary>
    public Uri Endpoint => Server?.Endpoint ?? Target.Endpoint;

    /// <summary>The suite's SDK client, with the target's client settings (docs/behaviour-suite.md).</summary>
    public SdkDriver Sdk => sdk ??= new SdkDriver(Endpoint, Target.AccessKey, Target.SecretKey, Target.Region,
        new SdkOptions { Certificate = Server?.Certificate, Client = Server is null ? Target.Client : ClientSettings.Default });

    /// <summary>An SDK client with the SDK's own defaults whatever the target, for scenarios about those defaults.</summary>
    public SdkDriver DefaultSdk => defaultSdk ??= new SdkDriver(Endpoint, Target.AccessKey, Target.SecretKey, Target.Region, new SdkOptions { Certificate = Server?.Certificate });

    public CliDriver Cli => cli ??= new CliDriver(Endpoint, Target.AccessKey, Target.SecretKey, Target.Region);

    public RawHttpDriver Raw => raw ??= new RawHttpDriver(Endpoint, Target.AccessKey, Target.SecretKey, Target.Region, TimeProvider.System);

    public string DataRoot => Server?.DataRoot ?? Target.DataRoot ?? throw new InvalidOperationException("This target has no data root; tag the scenario @needs-data-root.");

    public DiskDriver Disk => new(Path.Combine(DataRoot, Volume));

    /// <summary>A client as a user runs it, pointed at <see cref="Endpoint"/>, working in the CLI's scratch directory.</summary>
    public IToolClient Tool(string name) =>
        ToolClientContext.Create(name, new ToolClientContext(Endpoint, Target.AccessKey, Target.SecretKey, Target.Region, Server?.Certificate, Cli.WorkDirectory));

    /// <summary>Starts an extra server and sends every later request of the scenario to it; it stops when the scenario ends.</summary>
    public async Task<IServerInstance> StartServerAsync(ServerSettings settings)
    {
        var server = await Target.StartServerAsync(settings, CancellationToken.None);
        Resources.Add(server);
        UseServer(server);
        return server;
    }

    /// <summary>Restarts the scenario's extra server; the drivers reconnect to its new endpoint.</summary>
    public async Task RestartServerAsync()
    {
        var server = Server ?? throw new InvalidOperationException("The scenario has not started a server of its own.");
        await server.RestartAsync(CancellationToken.None);
        UseServer(server);
    }

    private void UseServer(IServerInstance server)
    {
        Server = server;
        sdk?.Dispose();
        sdk = null;
        defaultSdk?.Dispose();
        defaultSdk = null;
        raw?.Dispose();
        raw = null;
        var keep = cli;
        if (keep is not null)
        {
            // The CLI driver keeps its scratch directory (local files); only the endpoint changes.
            cli = new CliDriver(Endpoint, Target.AccessKey, Target.SecretKey, Target.Region, keep.WorkDirectory);
        }
    }

    /// <summary>The outcome of the last S3 request.</summary>
    public S3Outcome? Outcome { get; set; }

    public S3Outcome LastOutcome => Outcome ?? throw new InvalidOperationException("No request has been made yet.");

    public CliResult? LastCli { get; set; }

    public byte[]? LastBody { get; set; }

    /// <summary>The headers of the last GetObject/HeadObject that succeeded.</summary>
    public ObjectView? LastObject { get; set; }

    public ObjectView LastObjectView => LastObject ?? throw new InvalidOperationException($"The last object request did not succeed: {Outcome}");

    public ObjectClient Objects => objects ??= new ObjectClient(this);

    public string LastBodyText => Encoding.UTF8.GetString(LastBody ?? throw new InvalidOperationException("No body was read."));

    /// <summary>Named values remembered between steps (ETags, upload ids).</summary>
    public Dictionary<string, string> Remembered { get; } = new(StringComparer.Ordinal);

    public List<IAsyncDisposable> Resources { get; } = [];

    public string Key(string key) => Prefix + key;

    public string Unkey(string key) => key.StartsWith(Prefix, StringComparison.Ordinal) ? key[Prefix.Length..] : key;

    /// <summary>The scenario's place as a path-style URL path, "/volume/prefix".</summary>
    public string EncodedPath(string key) =>
        "/" + Volume + "/" + string.Join('/', Key(key).Split('/').Select(Uri.EscapeDataString));

    /// <summary>
    /// Stops what the scenario started; then fails the scenario if any server it used answered a request with a 500
    /// meanwhile (the behaviour suite doubles as a check that no request of it ever gets one).
    /// </summary>
    public async Task CleanupAsync()
    {
        var report = new StringBuilder();
        var own = Target.OwnServer;
        if (own is not null && own.InternalErrors > internalErrorsBefore)
        {
            report.Append(own.InternalErrors - internalErrorsBefore).Append(" on the suite's server\n").Append(own.InternalErrorReports);
        }

        foreach (var extra in Resources.OfType<IServerInstance>().Where(s => s.InternalErrors > 0))
        {
            report.Append(extra.InternalErrors).Append(" on a server of the scenario\n").Append(extra.InternalErrorReports);
        }

        for (var i = Resources.Count - 1; i >= 0; i--)
        {
            await Resources[i].DisposeAsync();
        }

        sdk?.Dispose();
        defaultSdk?.Dispose();
        cli?.Dispose();
        raw?.Dispose();
        if (report.Length > 0)
        {
            throw new InvalidOperationException("Requests of this scenario were answered 500 InternalError, each a defect: " + report);
        }
    }

    private static string Hint(string title)
    {
        var hint = new StringBuilder();
        foreach (var c in title.ToLowerInvariant())
        {
            if (hint.Length >= 24)
            {
                break;
            }

            if (char.IsAsciiLetterOrDigit(c))
            {
                hint.Append(c);
            }
            else if (hint.Length > 0 && hint[^1] != '-')
            {
                hint.Append('-');
            }
        }

        return hint.ToString().Trim('-') is { Length: > 0 } h ? h : "scenario";
    }
}
