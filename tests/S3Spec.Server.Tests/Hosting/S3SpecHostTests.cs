using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using S3Spec.Server.Hosting;

namespace S3Spec.Server.Tests.Hosting;

public sealed class S3SpecHostTests
{
    [Fact]
    public void BuildRefusesAMissingDataRoot()
    {
        using var temp = new TempDirectory();
        var missing = temp.Combine("missing");
        var e = Assert.Throws<InvalidOperationException>(() =>
            S3SpecHost.Build(["--urls", "http://127.0.0.1:0", "--data-root", missing, "--access-key", "AK", "--secret-key", "SK"]));
        Assert.Contains(missing, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BuildRefusesAnAccessKeyWithoutSecret()
    {
        using var temp = new TempDirectory();
        var e = Assert.Throws<InvalidOperationException>(() =>
            S3SpecHost.Build(["--urls", "http://127.0.0.1:0", "--data-root", temp.Path, "--access-key", "AK"]));
        Assert.Contains("--secret-key", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsyncReportsAStartUpErrorWithExitCodeTwo()
    {
        using var temp = new TempDirectory();
        var code = await S3SpecHost.RunAsync(["--urls", "http://127.0.0.1:0", "--data-root", temp.Combine("missing"), "--access-key", "AK", "--secret-key", "SK"]);
        Assert.Equal(2, code);
    }

    [Fact]
    public async Task BuildRegistersTheServerControllersWhateverTheEntryAssembly()
    {
        using var temp = new TempDirectory();
        await using var app = S3SpecHost.Build(["--urls", "http://127.0.0.1:0", "--data-root", temp.Path, "--access-key", "AK", "--secret-key", "SK"]);
        var parts = app.Services.GetRequiredService<ApplicationPartManager>();
        Assert.Contains(parts.ApplicationParts.OfType<AssemblyPart>(), p => p.Assembly == typeof(S3SpecHost).Assembly);
    }

    [Fact]
    public async Task KestrelGetsTheLargeBlockBufferPool()
    {
        using var temp = new TempDirectory();
        await using var app = S3SpecHost.Build(["--urls", "http://127.0.0.1:0", "--data-root", temp.Path, "--access-key", "AK", "--secret-key", "SK"]);
        var factory = app.Services.GetRequiredService<Microsoft.AspNetCore.Connections.IMemoryPoolFactory<byte>>();
        using var pool = factory.Create();
        Assert.Equal(LargeBlockMemoryPool.BlockSize, pool.MaxBufferSize);
    }

    [Fact]
    public async Task The_host_registers_nothing_that_makes_WebApplication_add_authentication_or_authorization_middleware()
    {
        // WebApplication adds UseAuthentication/UseAuthorization to the pipeline when these services exist (MVC's
        // AddControllers registers them); no S3Spec endpoint asks for either.
        using var temp = new TempDirectory();
        await using var app = S3SpecHost.Build(["--urls", "http://127.0.0.1:0", "--data-root", temp.Path, "--access-key", "AK", "--secret-key", "SK"]);
        var services = app.Services.GetRequiredService<IServiceProviderIsService>();
        Assert.False(services.IsService(typeof(IAuthenticationSchemeProvider)));
        Assert.False(services.IsService(typeof(IAuthorizationHandlerProvider)));
    }

    [Theory]
    [InlineData("simple")]
    [InlineData("json")]
    public async Task Hosting_diagnostics_log_nothing_so_hosting_starts_no_Activity_or_scope_per_request(string format)
    {
        // Hosting creates a request Activity and a logging scope while its category logs at any level (Critical
        // included); configuration cannot turn it back on.
        using var temp = new TempDirectory();
        await using var app = S3SpecHost.Build(["--urls", "http://127.0.0.1:0", "--data-root", temp.Path, "--access-key", "AK", "--secret-key", "SK",
            "--S3Spec:LogFormat=" + format, "--Logging:LogLevel:Default=Trace", "--Logging:LogLevel:Microsoft.AspNetCore=Trace"]);
        var factory = app.Services.GetRequiredService<ILoggerFactory>();
        Assert.False(factory.CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics").IsEnabled(LogLevel.Critical));
        Assert.True(factory.CreateLogger("S3Spec.Server.Observability.AccessLogMiddleware").IsEnabled(LogLevel.Information));
        Assert.True(factory.CreateLogger("Microsoft.AspNetCore.Server.Kestrel").IsEnabled(LogLevel.Warning));
    }
}
