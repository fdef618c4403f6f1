using System.Text;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using S3Spec.Auth.Keys;
using S3Spec.Auth.Settings;
using S3Spec.Auth;
using S3Spec.Server.Auth;
using S3Spec.Server.Errors;
using S3Spec.Server.Handlers;
using S3Spec.Server.Observability;
using S3Spec.Server.Protocol;
using S3Spec.Server.Routing;
using S3Spec.Server.Settings;
using S3Spec.Server.Xml;
using S3Spec.Storage;
using S3Spec.Storage.Contract;

namespace S3Spec.Server.Hosting;

/// <summary>Builds and runs the server: settings, services, the middleware pipeline and the generated controllers.</summary>
internal static class S3SpecHost
{
    public static async Task<int> RunAsync(string[] args, string? adminCommand = null)
    {
        WebApplication app;
        try
        {
            app = Build(args, adminCommand);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException or FormatException)
        {
            await Console.Error.WriteLineAsync("S3Spec cannot start: " + e.Message);
            return 2;
        }

        try
        {
            await app.RunAsync();
        }
        catch (OperationCanceledException)
        {
            // Stopped (SIGTERM) before the listener was up: a clean exit.
        }

        return 0;
    }

    /// <param name="args">The server's command line.</param>
    /// <param name="adminCommand">How the connection block names the admin command (null: <see cref="AdminCommand.Detect"/>).</param>
    public static WebApplication Build(string[] args, string? adminCommand = null)
    {
        // The XML contract is generated at build time from the spec: nothing is parsed at start.
        var xml = new S3XmlSerializer(S3XmlContract.Load());
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddCommandLine(args, CommandLine.SwitchMappings);
        var section = builder.Configuration.GetSection(CommandLine.Section);
        var storageOptions = section.Get<StorageOptions>() ?? new StorageOptions();
        var authOptions = section.Get<AuthOptions>() ?? new AuthOptions();
        var serverOptions = section.Get<ServerOptions>() ?? new ServerOptions();
        var profile = ServerProfile.Parse(serverOptions.Profile);
        var management = ManagementListener.Parse(serverOptions.ManagementUrl);
        var urls = builder.Configuration[WebHostDefaults.ServerUrlsKey];
        urls = string.IsNullOrEmpty(urls) ? CommandLine.DefaultUrl : urls;
        builder.WebHost.UseUrls(management is null ? urls : urls + ";" + management.Url);
        Logs.Configure(builder.Logging, serverOptions.LogFormat);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(serverOptions.ShutdownTimeoutSeconds));
        var generatedKey = FirstStart.Prepare(storageOptions, authOptions, dataRootConfigured: !string.IsNullOrEmpty(section["DataRoot"]), Console.Out);
        SettingsValidator.Validate(storageOptions, authOptions, serverOptions);

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = null;

            // Larger than Kestrel's 64 KiB defaults, so that reading the file (or the socket) overlaps with the
            // other side of a transfer; bounded so that memory stays flat with many connections (docs/performance.md).
            kestrel.Limits.MaxResponseBufferSize = 512 * 1024;
            kestrel.Limits.MaxRequestBufferSize = 512 * 1024;

            // Header values are bytes in, bytes out: one char per byte both ways (Protocol/HeaderBytes).
            kestrel.RequestHeaderEncodingSelector = static _ => Encoding.Latin1;
            kestrel.ResponseHeaderEncodingSelector = static _ => Encoding.Latin1;
        });

        var services = builder.Services;
        services.AddSingleton<Microsoft.AspNetCore.Connections.IMemoryPoolFactory<byte>, LargeBlockMemoryPoolFactory>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(storageOptions);
        services.AddSingleton(authOptions);
        services.AddSingleton(serverOptions);
        services.AddSingleton(profile);
        services.AddHostedService<MaintenanceService>();
        services.AddSingleton<PosixObjectStore>();
        services.AddSingleton<IObjectStore>(sp => sp.GetRequiredService<PosixObjectStore>());
        services.AddSingleton(sp => sp.GetRequiredService<PosixObjectStore>().Maintenance);
        services.AddSingleton<IKeyStore, FileKeyStore>();
        services.AddSingleton<SigV4Authenticator>();
        services.AddSingleton(xml);
        services.AddSingleton<S3Authorizer>();
        services.AddSingleton<S3ErrorWriter>();
        services.AddSingleton<ObjectLister>();
        services.AddSingleton<ObjectWriteRequest>();
        services.AddSingleton<ObjectDeleter>();
        services.AddSingleton<KeepAliveResponder>();
        services.AddSingleton(sp => new FailureBudget(serverOptions.UnauthenticatedBurst, serverOptions.UnauthenticatedPerSecond, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<UnauthenticatedRateLimiter>();
        var registry = Prometheus.Metrics.NewCustomRegistry();
        services.AddSingleton(registry);
        services.AddSingleton<S3Metrics>();

        // Created by a factory, so that the container disposes it (writing every queued line) when the host stops.
        services.AddSingleton(_ => new AccessLog(Console.OpenStandardOutput(), new AccessLogFormatter(Logs.IsJson(serverOptions.LogFormat))));
        // AddControllers without its AddAuthorization: no endpoint asks for ASP.NET's authentication or
        // authorization, and when their services are registered WebApplication runs both middlewares on every
        // request (docs/performance.md, "Per-request cost (third round)").
        services.AddMvcCore(mvc =>
        {
            mvc.InputFormatters.Insert(0, new S3XmlInputFormatter(xml));
            mvc.OutputFormatters.Insert(0, new S3XmlOutputFormatter(xml));
            mvc.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true;
            mvc.AllowEmptyInputInBodyModelBinding = true;

            // Form value providers read application/x-www-form-urlencoded bodies eagerly; an object upload may
            // carry that content type, so they must never run.
            mvc.ValueProviderFactories.RemoveType<FormValueProviderFactory>();
            mvc.ValueProviderFactories.RemoveType<FormFileValueProviderFactory>();
            mvc.ValueProviderFactories.RemoveType<JQueryFormValueProviderFactory>();
        })
        .AddApiExplorer()
        .AddCors()
        .AddDataAnnotations()
        .AddFormatterMappings()
        .AddApplicationPart(typeof(S3SpecHost).Assembly)
        .ConfigureApplicationPartManager(parts => parts.FeatureProviders.Add(new HandlerFeatureProvider()));

        var app = builder.Build();
        ConnectionAnnouncer.Register(app, storageOptions.DataRoot, authOptions, generatedKey,
            adminCommand ?? AdminCommand.Detect(AppContext.BaseDirectory, Directory.GetCurrentDirectory()), serverOptions, management?.Port);
        if (management is not null)
        {
            app.MapWhen(context => context.Connection.LocalPort == management.Port, branch => ManagementEndpoints.Map(branch, registry));
        }

        app.UseTrustedProxies(serverOptions.TrustedProxies);
        app.UseMiddleware<RequestIdMiddleware>();
        app.UseMiddleware<ConnectionReuseMiddleware>();
        app.UseMiddleware<AccessLogMiddleware>();
        app.UseMiddleware<S3ErrorMiddleware>();
        app.UseMiddleware<S3TargetMiddleware>();
        app.UseMiddleware<SigV4Middleware>();
        var direct = new Lazy<DirectOperationTable>(() => DirectOperationTable.Build(((IEndpointRouteBuilder)app).DataSources.SelectMany(static d => d.Endpoints)));
        app.UseMiddleware<DirectOperationMiddleware>((Func<DirectOperationTable>)(() => direct.Value));
        app.UseRouting();
        app.UseMiddleware<AuthorizationMiddleware>();
        app.UseMiddleware<RequestBodyMiddleware>();
        app.MapControllers();
        app.MapS3NotImplemented();
        return app;
    }
}
