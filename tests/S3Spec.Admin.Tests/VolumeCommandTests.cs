using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using S3Spec.Storage.Capacity;
using S3Spec.Storage;
using S3Spec.Storage.Contract;

namespace S3Spec.Admin.Tests;

public sealed class VolumeCommandTests : IDisposable
{
    private readonly AdminHarness h = new();

    public void Dispose() => h.Dispose();

    [Fact]
    public async Task CreateMakesTheDirectoryAndRecordsTheQuota()
    {
        var r = await h.Run("volume", "create", "photos", "--quota", "10GiB");

        r.AssertOk();
        Assert.True(Directory.Exists(Path.Combine(h.DataRoot, "photos")));
        Assert.Equal(10L << 30, VolumeRegistryFile.ReadQuotas(h.DataRoot)["photos"]);
        Assert.Contains("photos", r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateWithoutQuotaWritesNoRegistry()
    {
        (await h.Run("volume", "create", "plain")).AssertOk();

        Assert.True(Directory.Exists(Path.Combine(h.DataRoot, "plain")));
        Assert.False(File.Exists(h.RegistryFile));
    }

    [Theory]
    [InlineData("Photos")]
    [InlineData("ab")]
    [InlineData("192.168.1.1")]
    [InlineData("../evil")]
    public async Task CreateRefusesAnInvalidName(string name)
    {
        var r = await h.Run("volume", "create", name);

        r.AssertError(1, "not a valid volume name");
        Assert.Empty(Directory.GetFileSystemEntries(h.DataRoot));
    }

    [Fact]
    public async Task CreateRefusesABadSizeBeforeCreatingAnything()
    {
        var r = await h.Run("volume", "create", "photos", "--quota", "10 parsecs");

        r.AssertError(1, "not a valid quota");
        Assert.False(Directory.Exists(Path.Combine(h.DataRoot, "photos")));
    }

    [Fact]
    public async Task CreateRefusesAnExistingVolume()
    {
        h.Volume("photos");

        (await h.Run("volume", "create", "photos")).AssertError(3, "already exists");
    }

    [Fact]
    public async Task CreateNeedsAnExistingDataRoot()
    {
        var missing = Path.Combine(h.Root, "nowhere");
        var r = await AdminHarness.RunWith(_ => null, ["volume", "create", "photos", "--data-root", missing]);

        r.AssertError(2, "does not exist");
        Assert.False(Directory.Exists(missing));
    }

    [Fact]
    public async Task TheDataRootComesFromTheEnvironmentWhenNotGiven()
    {
        var r = await AdminHarness.RunWith(n => n == "S3SPEC__DATAROOT" ? h.DataRoot : null, ["volume", "create", "fromenv"]);

        r.AssertOk();
        Assert.True(Directory.Exists(Path.Combine(h.DataRoot, "fromenv")));
    }

    [Fact]
    public async Task ListShowsQuotaUsedAndFree()
    {
        h.Volume("alpha", ("a.bin", 1000), ("dir/b.bin", 234));
        h.Volume("beta");
        (await h.Run("volume", "set-quota", "alpha", "1MB")).AssertOk();

        var r = await h.Run("volume", "list", "--bytes");

        r.AssertOk();
        var lines = r.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["NAME", "QUOTA", "USED", "FREE"], Columns(lines[0]));
        Assert.Equal(["alpha", "1000000", "1234", "998766"], Columns(lines[1]));
        Assert.Equal("beta", Columns(lines[2])[0]);
        Assert.Equal("none", Columns(lines[2])[1]);
        Assert.Equal("0", Columns(lines[2])[2]);
    }

    [Fact]
    public async Task ListWithHumanSizes()
    {
        h.Volume("alpha");
        (await h.Run("volume", "set-quota", "alpha", "10GiB")).AssertOk();

        var r = await h.Run("volume", "list");

        r.AssertOk();
        Assert.Contains("10 GiB", r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetQuotaAndNoneKeepOtherEntries()
    {
        h.Volume("alpha");
        Directory.CreateDirectory(Path.GetDirectoryName(h.RegistryFile)!);
        File.WriteAllText(h.RegistryFile, """{"volumes":{"other":{"quotaBytes":5,"owner":"ops"}},"note":"kept"}""");

        (await h.Run("volume", "set-quota", "alpha", "500MB")).AssertOk();
        var json = JsonNode.Parse(File.ReadAllText(h.RegistryFile))!;
        Assert.Equal(500_000_000L, (long)json["volumes"]!["alpha"]!["quotaBytes"]!);
        Assert.Equal(5L, (long)json["volumes"]!["other"]!["quotaBytes"]!);
        Assert.Equal("ops", (string?)json["volumes"]!["other"]!["owner"]);
        Assert.Equal("kept", (string?)json["note"]);

        (await h.Run("volume", "set-quota", "alpha", "none")).AssertOk();
        json = JsonNode.Parse(File.ReadAllText(h.RegistryFile))!;
        Assert.Null(json["volumes"]!["alpha"]);
        Assert.Equal(5L, (long)json["volumes"]!["other"]!["quotaBytes"]!);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(h.RegistryFile)!, "*.tmp"));
    }

    [Fact]
    public async Task SetQuotaOfAnUnknownVolumeIsNotFound()
    {
        var r = await h.Run("volume", "set-quota", "ghost", "1GB");

        r.AssertError(2, "'ghost' does not exist");
        Assert.False(File.Exists(h.RegistryFile));
    }

    [Fact]
    public async Task SetQuotaRefusesAnInvalidRegistryAndLeavesItAlone()
    {
        h.Volume("alpha");
        Directory.CreateDirectory(Path.GetDirectoryName(h.RegistryFile)!);
        File.WriteAllText(h.RegistryFile, "{not json");

        var r = await h.Run("volume", "set-quota", "alpha", "1GB");

        r.AssertError(1, "is invalid");
        Assert.Equal("{not json", File.ReadAllText(h.RegistryFile));
    }

    [Fact]
    public async Task SetQuotaRefusesABadSize()
    {
        h.Volume("alpha");

        (await h.Run("volume", "set-quota", "alpha", "12XB")).AssertError(1, "not a valid quota");
    }

    [Fact]
    public async Task RemoveDeletesAnEmptyVolumeAndItsQuota()
    {
        h.Volume("alpha");
        h.Volume("beta");
        (await h.Run("volume", "set-quota", "alpha", "1GB")).AssertOk();
        (await h.Run("volume", "set-quota", "beta", "2GB")).AssertOk();

        (await h.Run("volume", "remove", "alpha")).AssertOk();

        Assert.False(Directory.Exists(Path.Combine(h.DataRoot, "alpha")));
        var quotas = VolumeRegistryFile.ReadQuotas(h.DataRoot);
        Assert.False(quotas.ContainsKey("alpha"));
        Assert.Equal(2_000_000_000L, quotas["beta"]);
    }

    [Fact]
    public async Task RemoveRefusesANonEmptyVolumeWithoutForce()
    {
        var dir = h.Volume("alpha", ("a.txt", 3));

        (await h.Run("volume", "remove", "alpha")).AssertError(3, "not empty");
        Assert.True(File.Exists(Path.Combine(dir, "a.txt")));

        (await h.Run("volume", "remove", "alpha", "--force")).AssertOk();
        Assert.False(Directory.Exists(dir));
    }

    [Fact]
    public async Task RemoveTreatsOnlyBookkeepingAsEmptyButPendingUploadsAsContent()
    {
        var dir = h.Volume("alpha", (".s3compat_uploads/.tmp/x", 1));
        (await h.Run("volume", "remove", "alpha")).AssertOk();
        Assert.False(Directory.Exists(dir));

        dir = h.Volume("beta", (".s3compat_uploads/someuploadid/part-00001", 1));
        (await h.Run("volume", "remove", "beta")).AssertError(3, "not empty");
        Assert.True(Directory.Exists(dir));
    }

    [Fact]
    public async Task RemoveNeverFollowsSymlinksOut()
    {
        var outside = Path.Combine(h.Root, "outside");
        Directory.CreateDirectory(outside);
        File.WriteAllText(Path.Combine(outside, "precious.txt"), "keep");
        var dir = h.Volume("alpha", ("a.txt", 1));
        Directory.CreateSymbolicLink(Path.Combine(dir, "link-dir"), outside);
        File.CreateSymbolicLink(Path.Combine(dir, "link-file"), Path.Combine(outside, "precious.txt"));

        (await h.Run("volume", "remove", "alpha", "--force")).AssertOk();

        Assert.False(Directory.Exists(dir));
        Assert.Equal("keep", File.ReadAllText(Path.Combine(outside, "precious.txt")));
    }

    [Fact]
    public async Task RemovingASymlinkedVolumeRemovesOnlyTheLink()
    {
        var target = Path.Combine(h.Root, "elsewhere");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "data.txt"), "keep");
        Directory.CreateSymbolicLink(Path.Combine(h.DataRoot, "linked"), target);

        var r = await h.Run("volume", "remove", "linked", "--force");

        r.AssertOk();
        Assert.False(Path.Exists(Path.Combine(h.DataRoot, "linked")));
        Assert.Equal("keep", File.ReadAllText(Path.Combine(target, "data.txt")));
        Assert.Contains("symbolic link", r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RemoveOfAnUnknownVolumeIsNotFound()
    {
        (await h.Run("volume", "remove", "ghost")).AssertError(2, "does not exist");
    }

    [Fact]
    public async Task HashStoresETagsAndPrintsTheReport()
    {
        var dir = h.Volume("alpha");
        File.WriteAllText(Path.Combine(dir, "hello.txt"), "hello");

        var r = await h.Run("volume", "hash", "alpha", "--rate", "100MiB/s");

        r.AssertOk();
        Assert.Contains("Hashed 1 file(s)", r.Out, StringComparison.Ordinal);
        var store = new PosixObjectStore(new StorageOptions { DataRoot = h.DataRoot }, TimeProvider.System, NullLogger<PosixObjectStore>.Instance);
        var head = await store.HeadObjectAsync("alpha", "hello.txt", CancellationToken.None);
        Assert.Equal("\"5d41402abc4b2a76b9719d911017c592\"", head.ETag);

        var again = await h.Run("volume", "hash", "alpha");
        again.AssertOk();
        Assert.Contains("Hashed 0 file(s); 1 already had an ETag", again.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HashWhileAnotherRunHoldsTheLockIsAConflict()
    {
        var dir = h.Volume("alpha", ("a.bin", 10));
        var staging = Path.Combine(dir, ".s3compat_uploads");
        Directory.CreateDirectory(staging);

        // FileShare.None takes an exclusive flock on Unix, as a running hash holds it.
        using (new FileStream(Path.Combine(staging, ".hash.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            (await h.Run("volume", "hash", "alpha")).AssertError(3, "Another hash run");
        }

        (await h.Run("volume", "hash", "alpha")).AssertOk();
    }

    [Fact]
    public async Task HashOfAnUnknownVolumeOrWithABadRateFails()
    {
        (await h.Run("volume", "hash", "ghost")).AssertError(2, "does not exist");
        h.Volume("alpha");
        (await h.Run("volume", "hash", "alpha", "--rate", "fast")).AssertError(1, "not a valid rate");
        (await h.Run("volume", "hash", "alpha", "--rate", "0/s")).AssertError(1, "above zero");
    }

    [Fact]
    public async Task AParseErrorIsOneLineAndExitCodeOne()
    {
        (await h.Run("volume", "frobnicate")).AssertError(1, "see --help");
        (await h.Run("volume", "create")).AssertError(1, "see --help");
    }

    private static string[] Columns(string line) => line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
