using Microsoft.Extensions.Logging;
using S3Spec.Auth.Keys;
using S3Spec.Auth.Settings;

namespace S3Spec.Auth.Tests;

public sealed class FileKeyStoreTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("s3spec-keys-").FullName;
    private readonly FakeTime _time = new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly CapturingLogger _log = new();

    private string KeysPath => Path.Combine(_dir, "keys.json");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private FileKeyStore Store(AuthOptions? options = null)
        => new(options ?? new AuthOptions { KeysFile = KeysPath }, _time, _log);

    private static string Json(string id, string secret, bool disabled = false)
        => $$"""{ "keys": [ { "accessKeyId": "{{id}}", "secretKey": "{{secret}}", "volumes": ["vol1"], "readOnly": true, "disabled": {{(disabled ? "true" : "false")}}, "name": "ci" } ] }""";

    private void Write(string content, int secondsLater)
    {
        File.WriteAllText(KeysPath, content);
        File.SetLastWriteTimeUtc(KeysPath, new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(secondsLater));
    }

    [Fact]
    public void LoadsKeysFromTheFile()
    {
        Write(Json("user_a", "rps_a"), 1);
        using var store = Store();
        var key = store.Find("user_a");
        Assert.NotNull(key);
        Assert.Equal("rps_a", key.SecretKey);
        Assert.Equal(["vol1"], key.Volumes);
        Assert.True(key.ReadOnly);
        Assert.Null(store.Find("user_b"));
    }

    [Fact]
    public void ReloadsWhenTheFileChangesAfterTheInterval()
    {
        Write(Json("user_a", "rps_a"), 1);
        using var store = Store();
        Write(Json("user_b", "rps_b"), 2);

        Assert.NotNull(store.Find("user_a"));
        _time.Advance(TimeSpan.FromSeconds(3));
        Assert.Null(store.Find("user_a"));
        Assert.Equal("rps_b", store.Find("user_b")?.SecretKey);
    }

    [Fact]
    public void InvalidFileKeepsThePreviousKeys()
    {
        Write(Json("user_a", "rps_a"), 1);
        using var store = Store();
        Write("{ \"keys\": [ { \"accessKeyId\": \"user_b\" } ] }", 2);
        _time.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal("rps_a", store.Find("user_a")?.SecretKey);
        Assert.Null(store.Find("user_b"));
        Assert.Contains(_log.Messages, m => m.Contains("invalid", StringComparison.Ordinal));

        Write(Json("user_c", "rps_c"), 3);
        _time.Advance(TimeSpan.FromSeconds(3));
        Assert.NotNull(store.Find("user_c"));
        Assert.Null(store.Find("user_a"));
    }

    [Fact]
    public void DuplicateIdsMakeTheFileInvalid()
    {
        Write("""{ "keys": [ { "accessKeyId": "a", "secretKey": "x", "volumes": ["*"] }, { "accessKeyId": "a", "secretKey": "y", "volumes": ["*"] } ] }""", 1);
        using var store = Store();
        Assert.Null(store.Find("a"));
    }

    [Fact]
    public void MissingFileGivesOnlyTheConfiguredKey()
    {
        using var store = Store(new AuthOptions { KeysFile = KeysPath, AccessKey = "admin", SecretKey = "s3cret" });
        Assert.Equal(["*"], store.Find("admin")?.Volumes);
        Assert.Null(store.Find("user_a"));
    }

    [Fact]
    public void DisabledKeyIsReturnedAsDisabled()
    {
        Write(Json("user_a", "rps_a", disabled: true), 1);
        using var store = Store();
        Assert.True(store.Find("user_a")?.Disabled);
    }

    [Fact]
    public void GeneratedFileIsPrivateAndLoadable()
    {
        var id = FileKeyStore.GenerateKeysFile(KeysPath);
        Assert.Matches("^user_[0-9A-Za-z]{27}$", id);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(KeysPath));
        }

        using var store = Store();
        var key = store.Find(id);
        Assert.NotNull(key);
        Assert.Matches("^rps_[0-9A-Za-z]{40}$", key.SecretKey);
        Assert.Equal(["*"], key.Volumes);
        Assert.DoesNotContain(_log.Messages, m => m.Contains(key.SecretKey, StringComparison.Ordinal));
        Assert.Throws<IOException>(() => FileKeyStore.GenerateKeysFile(KeysPath));
    }

    [Fact]
    public void FollowsASymlinkSwapLikeAKubernetesSecret()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var v1 = Directory.CreateDirectory(Path.Combine(_dir, "v1")).FullName;
        var v2 = Directory.CreateDirectory(Path.Combine(_dir, "v2")).FullName;
        File.WriteAllText(Path.Combine(v1, "keys.json"), Json("user_a", "rps_a"));
        File.WriteAllText(Path.Combine(v2, "keys.json"), Json("user_b", "rps_b"));
        var data = Path.Combine(_dir, "..data");
        File.CreateSymbolicLink(data, v1);
        File.CreateSymbolicLink(KeysPath, Path.Combine(data, "keys.json"));
        using var store = Store();
        Assert.NotNull(store.Find("user_a"));

        Directory.Delete(data);
        File.CreateSymbolicLink(data, v2);
        _time.Advance(TimeSpan.FromSeconds(3));
        Assert.NotNull(store.Find("user_b"));
    }

    private sealed class CapturingLogger : ILogger<FileKeyStore>
    {
        public List<string> Messages { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            => Messages.Add(formatter(state, exception));
    }
}
