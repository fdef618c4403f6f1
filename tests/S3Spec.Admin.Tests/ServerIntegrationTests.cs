using Microsoft.Extensions.Logging.Abstractions;
using S3Spec.Auth.Keys;
using S3Spec.Auth.Settings;
using S3Spec.Storage;
using S3Spec.Storage.Contract;

namespace S3Spec.Admin.Tests;

/// <summary>What the admin command writes is what the server's own layers read, without a restart.</summary>
public sealed class ServerIntegrationTests : IDisposable
{
    private readonly AdminHarness h = new();

    public void Dispose() => h.Dispose();

    [Fact]
    public async Task AKeyCreatedByTheAdminCommandIsAcceptedByTheServersKeyStore()
    {
        var existing = FileKeyStore.GenerateKeysFile(h.KeysFile);
        var time = new ManualTime();
        using var store = new FileKeyStore(new AuthOptions { KeysFile = h.KeysFile }, time, NullLogger<FileKeyStore>.Instance);
        Assert.NotNull(store.Find(existing));

        h.Volume("alpha");
        var (id, secret) = KeyCommandTests.Printed((await h.Run("key", "create", "--volumes", "alpha")).Out);
        time.Advance(TimeSpan.FromSeconds(3));

        var key = store.Find(id);
        Assert.NotNull(key);
        Assert.Equal(secret, key.SecretKey);
        Assert.True(key.MayUse("alpha"));
        Assert.False(key.MayUse("beta"));
        Assert.False(key.Disabled);

        (await h.Run("key", "disable", id)).AssertOk();
        time.Advance(TimeSpan.FromSeconds(3));
        Assert.True(store.Find(id)!.Disabled);

        (await h.Run("key", "remove", id)).AssertOk();
        time.Advance(TimeSpan.FromSeconds(3));
        Assert.Null(store.Find(id));
        Assert.NotNull(store.Find(existing));
    }

    [Fact]
    public async Task AQuotaSetByTheAdminCommandIsSeenByARunningStore()
    {
        h.Volume("alpha");
        var time = new ManualTime();
        var store = new PosixObjectStore(new StorageOptions { DataRoot = h.DataRoot, CapacityWalkInterval = Timeout.InfiniteTimeSpan }, time, NullLogger<PosixObjectStore>.Instance);
        Assert.Null(store.GetVolumeUsage("alpha").QuotaBytes);

        (await h.Run("volume", "set-quota", "alpha", "2GiB")).AssertOk();
        time.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(2L << 30, store.GetVolumeUsage("alpha").QuotaBytes);

        (await h.Run("volume", "set-quota", "alpha", "none")).AssertOk();
        time.Advance(TimeSpan.FromSeconds(3));
        Assert.Null(store.GetVolumeUsage("alpha").QuotaBytes);
    }

    private sealed class ManualTime : TimeProvider
    {
        private DateTimeOffset now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => now;

        public void Advance(TimeSpan by) => now += by;
    }
}
