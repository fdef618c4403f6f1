using System.Text.Json;
using S3Spec.Auth.Keys;
using S3Spec.Auth.Settings;
using S3Spec.Server.Hosting;
using S3Spec.Storage.Contract;

namespace S3Spec.Server.Tests.Hosting;

public sealed class FirstStartTests
{
    [Fact]
    public void AConfiguredDataRootThatDoesNotExistIsRefused()
    {
        using var temp = new TempDirectory();
        var missing = temp.Combine("missing");
        var e = Assert.Throws<InvalidOperationException>(() =>
            FirstStart.Prepare(new StorageOptions { DataRoot = missing }, new AuthOptions { AccessKey = "AK", SecretKey = "SK" }, dataRootConfigured: true, TextWriter.Null));

        Assert.Contains(missing, e.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", e.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(missing));
    }

    [Fact]
    public void TheDefaultDataRootIsCreatedWithADefaultVolume()
    {
        using var temp = new TempDirectory();
        var root = temp.Combine("data");
        var storage = new StorageOptions { DataRoot = root };
        var output = new StringWriter();

        FirstStart.Prepare(storage, new AuthOptions { AccessKey = "AK", SecretKey = "SK" }, dataRootConfigured: false, output);

        Assert.True(Directory.Exists(Path.Combine(root, FirstStart.DefaultVolume)));
        Assert.Equal(Path.GetFullPath(root), storage.DataRoot);
        Assert.Contains(root, output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void TheDefaultVolumeGetsTheConfiguredDirectoryMode()
    {
        using var temp = new TempDirectory();
        var root = temp.Combine("data");
        var storage = new StorageOptions { DataRoot = root, DirectoryMode = "0700" };

        FirstStart.Prepare(storage, new AuthOptions { AccessKey = "AK", SecretKey = "SK" }, dataRootConfigured: false, TextWriter.Null);

        var mode = OperatingSystem.IsWindows() ? default : File.GetUnixFileMode(Path.Combine(root, FirstStart.DefaultVolume));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, mode);
    }

    [Fact]
    public void TheDataRootBecomesAnAbsolutePath()
    {
        using var temp = new TempDirectory();
        var relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), temp.Path);
        var storage = new StorageOptions { DataRoot = relative };
        FirstStart.Prepare(storage, new AuthOptions { AccessKey = "AK", SecretKey = "SK" }, dataRootConfigured: true, TextWriter.Null);
        Assert.Equal(Path.GetFullPath(temp.Path), storage.DataRoot);
        Assert.True(Path.IsPathFullyQualified(storage.DataRoot));
    }

    [Theory]
    [InlineData("AK", null)]
    [InlineData(null, "SK")]
    [InlineData("AK", "")]
    public void AnAccessKeyWithoutASecretIsRefused(string? accessKey, string? secretKey)
    {
        using var temp = new TempDirectory();
        var e = Assert.Throws<InvalidOperationException>(() =>
            FirstStart.Prepare(new StorageOptions { DataRoot = temp.Path }, new AuthOptions { AccessKey = accessKey, SecretKey = secretKey }, dataRootConfigured: true, TextWriter.Null));
        Assert.Contains("--access-key", e.Message, StringComparison.Ordinal);
        Assert.Contains("--secret-key", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CommandLineKeysGenerateNoKeysFile()
    {
        using var temp = new TempDirectory();
        var auth = new AuthOptions { AccessKey = "AK", SecretKey = "SK" };
        FirstStart.Prepare(new StorageOptions { DataRoot = temp.Path }, auth, dataRootConfigured: true, TextWriter.Null);
        Assert.Null(auth.KeysFile);
        Assert.False(Directory.Exists(temp.Combine(".s3spec")));
    }

    [Fact]
    public void FirstStartWithoutKeysGeneratesAPrivateKeysFileAndPrintsOnlyTheAccessKey()
    {
        using var temp = new TempDirectory();
        var auth = new AuthOptions();
        var output = new StringWriter();

        FirstStart.Prepare(new StorageOptions { DataRoot = temp.Path }, auth, dataRootConfigured: true, output);

        var keysFile = temp.Combine(".s3spec", "keys.json");
        Assert.Equal(keysFile, auth.KeysFile);
        Assert.True(File.Exists(keysFile));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keysFile));
        }

        using var doc = JsonDocument.Parse(File.ReadAllBytes(keysFile));
        var key = doc.RootElement.GetProperty("keys")[0];
        var accessKeyId = key.GetProperty("accessKeyId").GetString()!;
        var secret = key.GetProperty("secretKey").GetString()!;
        Assert.False(string.IsNullOrEmpty(accessKeyId));
        Assert.True(secret.Length >= 16, "the generated secret is long");

        var printed = output.ToString();
        Assert.Contains(accessKeyId, printed, StringComparison.Ordinal);
        Assert.Contains(keysFile, printed, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, printed, StringComparison.Ordinal);
    }

    [Fact]
    public void ASecondStartKeepsTheKeysFile()
    {
        using var temp = new TempDirectory();
        FirstStart.Prepare(new StorageOptions { DataRoot = temp.Path }, new AuthOptions(), dataRootConfigured: true, TextWriter.Null);
        var keysFile = temp.Combine(".s3spec", "keys.json");
        var first = File.ReadAllBytes(keysFile);

        var output = new StringWriter();
        var auth = new AuthOptions();
        FirstStart.Prepare(new StorageOptions { DataRoot = temp.Path }, auth, dataRootConfigured: true, output);

        Assert.Equal(first, File.ReadAllBytes(keysFile));
        Assert.Equal(keysFile, auth.KeysFile);
        Assert.DoesNotContain("Generated", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void AConfiguredKeysFileThatDoesNotExistIsRefused()
    {
        using var temp = new TempDirectory();
        var keysFile = temp.Combine("nope.json");
        var e = Assert.Throws<InvalidOperationException>(() =>
            FirstStart.Prepare(new StorageOptions { DataRoot = temp.Path }, new AuthOptions { KeysFile = keysFile }, dataRootConfigured: true, TextWriter.Null));
        Assert.Contains(keysFile, e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(keysFile));
    }
}
