using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.Extensions.DependencyInjection;
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
}
