using System.Text.RegularExpressions;
using S3Spec.Auth.Keys;

namespace S3Spec.Admin.Tests;

public sealed partial class KeyCommandTests : IDisposable
{
    private readonly AdminHarness h = new();

    public void Dispose() => h.Dispose();

    [Fact]
    public async Task CreatePrintsTheKeyAndSecretAndWritesAFileOnlyTheOwnerReads()
    {
        h.Volume("alpha");
        h.Volume("beta");

        var r = await h.Run("key", "create", "--volumes", "alpha,beta", "--read-only");

        r.AssertOk();
        var (id, secret) = Printed(r.Out);
        Assert.Matches(AccessKeyPattern(), id);
        Assert.Matches(SecretPattern(), secret);
        var key = Assert.Single(KeysFile.Parse(File.ReadAllBytes(h.KeysFile)));
        Assert.Equal(id, key.AccessKeyId);
        Assert.Equal(secret, key.SecretKey);
        Assert.Equal(["alpha", "beta"], key.Volumes);
        Assert.True(key.ReadOnly);
        Assert.False(key.Disabled);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, ModeOf(h.KeysFile));
    }

    [Fact]
    public async Task CreateAppendsToAnExistingFileAndKeepsMode0600()
    {
        var first = FileKeyStore.GenerateKeysFile(h.KeysFile);

        var r = await h.Run("key", "create");

        r.AssertOk();
        var keys = KeysFile.Parse(File.ReadAllBytes(h.KeysFile));
        Assert.Equal(2, keys.Count);
        Assert.Equal(first, keys[0].AccessKeyId);
        Assert.Equal(Printed(r.Out).Id, keys[1].AccessKeyId);
        Assert.Equal([AccessKey.AllVolumes], keys[1].Volumes);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, ModeOf(h.KeysFile));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(h.KeysFile)!, "*.tmp"));
    }

    [Fact]
    public async Task CreateChecksVolumes()
    {
        (await h.Run("key", "create", "--volumes", "ghost")).AssertError(2, "'ghost' does not exist");
        (await h.Run("key", "create", "--volumes", "Bad_Name")).AssertError(1, "not a valid volume name");
        Assert.False(File.Exists(h.KeysFile));

        var r = await h.Run("key", "create", "--volumes", "later", "--allow-missing");
        r.AssertOk();
        Assert.Equal(["later"], Assert.Single(KeysFile.Parse(File.ReadAllBytes(h.KeysFile))).Volumes);
    }

    [Fact]
    public async Task CreateRefusesAnInvalidKeysFileAndLeavesIt()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(h.KeysFile)!);
        File.WriteAllText(h.KeysFile, """{"keys":[{"accessKeyId":"x"}]}""");

        (await h.Run("key", "create")).AssertError(1, "is invalid");
        Assert.Equal("""{"keys":[{"accessKeyId":"x"}]}""", File.ReadAllText(h.KeysFile));
    }

    [Fact]
    public async Task ListShowsKeysButNeverSecrets()
    {
        h.Volume("alpha");
        var a = Printed((await h.Run("key", "create", "--volumes", "alpha", "--read-only")).Out);
        var b = Printed((await h.Run("key", "create")).Out);
        (await h.Run("key", "disable", b.Id)).AssertOk();

        var r = await h.Run("key", "list");

        r.AssertOk();
        Assert.DoesNotContain(a.Secret, r.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(b.Secret, r.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("rps_", r.Out, StringComparison.Ordinal);
        var lines = r.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("ACCESS KEY", lines[0], StringComparison.Ordinal);
        Assert.Equal([a.Id, "alpha", "yes", "no"], Columns(lines[1]));
        Assert.Equal([b.Id, "*", "no", "yes"], Columns(lines[2]));
    }

    [Fact]
    public async Task ListOfAMissingOrInvalidFileFails()
    {
        (await h.Run("key", "list")).AssertError(2, "does not exist");

        Directory.CreateDirectory(Path.GetDirectoryName(h.KeysFile)!);
        File.WriteAllText(h.KeysFile, "[]");
        (await h.Run("key", "list")).AssertError(1, "is invalid");
    }

    [Fact]
    public async Task TheKeysFileOptionIsHonoured()
    {
        var elsewhere = Path.Combine(h.Root, "secrets", "k.json");

        (await h.Run("key", "create", "--keys-file", elsewhere)).AssertOk();

        Assert.True(File.Exists(elsewhere));
        Assert.False(File.Exists(h.KeysFile));
        (await h.Run("key", "list", "--keys-file", elsewhere)).AssertOk();
    }

    [Fact]
    public async Task GrantAndRevokeChangeTheVolumes()
    {
        h.Volume("alpha");
        h.Volume("beta");
        h.Volume("gamma");
        var k = Printed((await h.Run("key", "create", "--volumes", "alpha")).Out);

        (await h.Run("key", "grant", k.Id, "beta", "gamma")).AssertOk();
        Assert.Equal(["alpha", "beta", "gamma"], Single().Volumes);

        (await h.Run("key", "revoke", k.Id, "alpha", "gamma")).AssertOk();
        Assert.Equal(["beta"], Single().Volumes);

        (await h.Run("key", "revoke", k.Id, "gamma")).AssertError(2, "no grant for volume 'gamma'");
        (await h.Run("key", "grant", k.Id, "ghost")).AssertError(2, "'ghost' does not exist");
        (await h.Run("key", "grant", k.Id, "*")).AssertOk();
        Assert.Equal(["*"], Single().Volumes);
        (await h.Run("key", "revoke", k.Id, "beta")).AssertError(3, "all volumes (*)");
        Assert.Equal(k.Secret, Single().SecretKey);
    }

    [Fact]
    public async Task DisableEnableAndRemove()
    {
        var k = Printed((await h.Run("key", "create")).Out);
        var other = Printed((await h.Run("key", "create")).Out);

        (await h.Run("key", "disable", k.Id)).AssertOk();
        Assert.True(KeysFile.Parse(File.ReadAllBytes(h.KeysFile))[0].Disabled);
        (await h.Run("key", "enable", k.Id)).AssertOk();
        Assert.False(KeysFile.Parse(File.ReadAllBytes(h.KeysFile))[0].Disabled);

        (await h.Run("key", "remove", k.Id)).AssertOk();
        var left = Assert.Single(KeysFile.Parse(File.ReadAllBytes(h.KeysFile)));
        Assert.Equal(other.Id, left.AccessKeyId);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, ModeOf(h.KeysFile));
    }

    [Theory]
    [InlineData("disable")]
    [InlineData("enable")]
    [InlineData("remove")]
    [InlineData("grant")]
    [InlineData("revoke")]
    public async Task AnUnknownKeyIsNotFound(string verb)
    {
        h.Volume("alpha");
        (await h.Run("key", "create")).AssertOk();
        string[] args = verb is "grant" or "revoke" ? ["key", verb, "user_nope", "alpha"] : ["key", verb, "user_nope"];

        (await h.Run(args)).AssertError(2, "'user_nope' is not in");
    }

    [Fact]
    public async Task KubernetesSecretHoldsTheKeysFile()
    {
        (await h.Run("key", "create")).AssertOk();

        var r = await h.Run("kubernetes", "secret", "--namespace", "storage");

        r.AssertOk();
        Assert.Contains("kind: Secret\n", r.Out, StringComparison.Ordinal);
        Assert.Contains("  name: s3spec-keys\n", r.Out, StringComparison.Ordinal);
        Assert.Contains("  namespace: storage\n", r.Out, StringComparison.Ordinal);
        var data = Regex.Match(r.Out, @"^  keys\.json: (\S+)$", RegexOptions.Multiline);
        Assert.True(data.Success, r.Out);
        Assert.Equal(File.ReadAllBytes(h.KeysFile), Convert.FromBase64String(data.Groups[1].Value));
    }

    [Fact]
    public async Task KubernetesSecretChecksItsInputs()
    {
        (await h.Run("kubernetes", "secret")).AssertError(2, "does not exist");
        (await h.Run("key", "create")).AssertOk();
        (await h.Run("kubernetes", "secret", "--name", "Bad_Name")).AssertError(1, "not a valid Secret name");
        (await h.Run("kubernetes", "secret", "--namespace", "a.b")).AssertError(1, "not a valid namespace");
    }

    [Fact]
    public async Task ShowPrintsTheSecretOfAKeyAgain()
    {
        var created = Printed((await h.Run("key", "create")).Out);

        var shown = await h.Run("key", "show", created.Id);
        shown.AssertOk();
        Assert.Equal(created, Printed(shown.Out));

        var secretOnly = await h.Run("key", "show", created.Id, "--secret");
        secretOnly.AssertOk();
        Assert.Equal(created.Secret + Environment.NewLine, secretOnly.Out);
    }

    [Fact]
    public async Task ShowOfAnUnknownKeyIsNotFound()
    {
        (await h.Run("key", "show", "user_nope")).AssertError(2, "does not exist");
        (await h.Run("key", "create")).AssertOk();
        (await h.Run("key", "show", "user_nope", "--secret")).AssertError(2, "'user_nope' is not in");
    }

    private AccessKey Single() => Assert.Single(KeysFile.Parse(File.ReadAllBytes(h.KeysFile)));

    internal static (string Id, string Secret) Printed(string output)
    {
        var id = Regex.Match(output, "^Access key: (\\S+)$", RegexOptions.Multiline);
        var secret = Regex.Match(output, "^Secret key: (\\S+)$", RegexOptions.Multiline);
        Assert.True(id.Success && secret.Success, output);
        return (id.Groups[1].Value, secret.Groups[1].Value);
    }

    private static UnixFileMode ModeOf(string path) => OperatingSystem.IsWindows() ? default : File.GetUnixFileMode(path);

    private static string[] Columns(string line) => line.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    [GeneratedRegex("^user_[0-9A-Za-z]{27}$")]
    private static partial Regex AccessKeyPattern();

    [GeneratedRegex("^rps_[0-9A-Za-z]{40}$")]
    private static partial Regex SecretPattern();
}
