using S3Spec.Auth.Keys;
using S3Spec.Auth.Settings;
using S3Spec.Server.Hosting;

namespace S3Spec.Server.Tests.Hosting;

public sealed class ConnectionBlockTests
{
    private const string Admin = "dotnet run --project src/S3Spec.Admin --";

    [Fact]
    public void AGeneratedKeyIsShownOnceWithTheCommandThatShowsItLater()
    {
        using var temp = new TempDirectory();
        var key = new AccessKey("user_A", "rps_S", [AccessKey.AllVolumes], ReadOnly: false, Disabled: false);
        var auth = new AuthOptions { Region = "eu-ro-1", KeysFile = temp.Combine(".s3spec", "keys.json") };

        var text = ConnectionBlock.Create("http://127.0.0.1:9000", temp.Path, auth, key, Admin).Render(secretShownOnce: true);

        Assert.Contains("export AWS_ACCESS_KEY_ID=user_A", text, StringComparison.Ordinal);
        Assert.Contains("export AWS_SECRET_ACCESS_KEY=rps_S", text, StringComparison.Ordinal);
        Assert.Contains($"later: {Admin} --data-root {temp.Path} key show user_A --secret", text, StringComparison.Ordinal);
        Assert.Contains("AWS_DEFAULT_REGION=eu-ro-1 AWS_REGION=eu-ro-1", text, StringComparison.Ordinal);
        Assert.Contains("export AWS_ENDPOINT_URL=http://127.0.0.1:9000", text, StringComparison.Ordinal);
        Assert.Contains("aws --endpoint-url http://127.0.0.1:9000 s3 ls", text, StringComparison.Ordinal);
    }

    [Fact]
    public void AKeyFromTheKeysFileIsNamedAndItsSecretFetchedByTheAdminCommand()
    {
        using var temp = new TempDirectory();
        var keysFile = temp.Combine("keys.json");
        KeysFileWriter.Write(keysFile,
        [
            new AccessKey("user_RO", "rps_1", [AccessKey.AllVolumes], ReadOnly: true, Disabled: false),
            new AccessKey("user_OFF", "rps_2", [AccessKey.AllVolumes], ReadOnly: false, Disabled: true),
            new AccessKey("user_RW", "rps_3", [AccessKey.AllVolumes], ReadOnly: false, Disabled: false),
        ]);
        var auth = new AuthOptions { KeysFile = keysFile };

        var text = ConnectionBlock.Create("http://127.0.0.1:9000", temp.Path, auth, generated: null, Admin).Render(secretShownOnce: false);

        Assert.Contains("export AWS_ACCESS_KEY_ID=user_RW", text, StringComparison.Ordinal);
        Assert.Contains($"export AWS_SECRET_ACCESS_KEY=\"$({Admin} --keys-file {keysFile} key show user_RW --secret)\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("rps_", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ACommandLineKeyIsRepeatedAndValuesAreQuotedForTheShell()
    {
        var auth = new AuthOptions { AccessKey = "AK", SecretKey = "it's $secret" };

        var block = ConnectionBlock.Create("http://127.0.0.1:9000", "/d", auth, generated: null, Admin);

        Assert.Contains("export AWS_SECRET_ACCESS_KEY='it'\\''s $secret'", block.Render(secretShownOnce: false), StringComparison.Ordinal);
        Assert.Contains("AWS_SECRET_ACCESS_KEY=it's $secret\n", block.RenderVariables(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://0.0.0.0:9000", "http://127.0.0.1:9000")]
    [InlineData("http://[::]:9100", "http://127.0.0.1:9100")]
    [InlineData("http://+:9000", "http://127.0.0.1:9000")]
    [InlineData("https://127.0.0.1:9443", "https://127.0.0.1:9443")]
    [InlineData("http://localhost:9000", "http://localhost:9000")]
    public void AWildcardListenerIsReachedOnLoopback(string address, string expected) =>
        Assert.Equal(expected, ConnectionBlock.ClientEndpoint(address));
}
