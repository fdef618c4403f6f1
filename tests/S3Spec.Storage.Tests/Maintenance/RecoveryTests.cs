using System.Runtime.InteropServices;

namespace S3Spec.Storage.Tests.Maintenance;

/// <summary>Crash recovery: temp files of dead writers are removed at start; a live writer's temp file is kept.</summary>
public sealed partial class RecoveryTests
{
    private const int LockEx = 2;
    private const int LockNb = 4;

    [Fact]
    public async Task RecoverRemovesTempFilesOfDeadWritersAndKeepsLiveOnes()
    {
        using var v = new TestVolume();
        await v.PutAsync("seed.txt", "x");
        var tmp = Path.Combine(v.VolumePath, ".s3compat_uploads", ".tmp");
        var dead = Path.Combine(tmp, "dead.tmp");
        var live = Path.Combine(tmp, "live.tmp");
        File.WriteAllText(dead, "partial body of a killed writer");
        File.WriteAllText(live, "partial body of a live writer");
        var old = DateTime.UtcNow.AddMinutes(-5);
        File.SetLastWriteTimeUtc(dead, old);
        File.SetLastWriteTimeUtc(live, old);

        // A live writer (another process or replica) holds the exclusive lock on its temp file.
        using var handle = File.OpenHandle(live, FileMode.Open, FileAccess.Read);
        Assert.Equal(0, Flock((int)handle.DangerousGetHandle(), LockEx | LockNb));

        await v.Store.Maintenance.RecoverAsync(CancellationToken.None);

        Assert.False(File.Exists(dead));
        Assert.True(File.Exists(live));
    }

    [Fact]
    public async Task RecoverLeavesABrandNewUnlockedTempFileAlone()
    {
        using var v = new TestVolume();
        await v.PutAsync("seed.txt", "x");
        var fresh = Path.Combine(v.VolumePath, ".s3compat_uploads", ".tmp", "fresh.tmp");
        File.WriteAllText(fresh, "a writer between create and lock");

        await v.Store.Maintenance.RecoverAsync(CancellationToken.None);

        Assert.True(File.Exists(fresh));
    }

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static partial int Flock(int fd, int operation);
}
