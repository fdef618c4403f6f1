using System.Diagnostics;
using S3Spec.Testing;

namespace S3Spec.Replicas.Tests;

/// <summary>
/// One abandoned-upload sweeper and one hash run at a time across replicas: both are elected by a non-blocking
/// flock on a file in the shared data root (docs/replicas.md), taken here through one replica's mount and refused to
/// a replica or an admin run over another mount.
/// </summary>
[Collection(ReplicaCollection.Name)]
public sealed class SingleRunnerTests(ReplicaCluster cluster)
{
    private const string Skipped = "Upload sweep skipped: another sweeper holds the lock";
    private const string Swept = "Upload sweep aborted";

    [Fact]
    public async Task A_replica_does_not_sweep_while_another_mount_holds_the_sweeper_lock_and_sweeps_once_it_is_free()
    {
        var lockPath = Path.Combine(cluster.DataRootOf(0), ".s3spec", "sweeper.lock");
        Directory.CreateDirectory(Path.GetDirectoryName(lockPath)!);

        // .NET takes flock(LOCK_EX | LOCK_NB) for FileShare.None on Linux: the lock a sweeping replica holds.
        using (new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            Assert.Contains(Skipped, await FirstSweepOfAReplicaAsync(1));
        }

        Assert.Contains(Swept, await FirstSweepOfAReplicaAsync(2));
    }

    [Fact]
    public async Task A_hash_run_over_one_mount_refuses_a_second_over_another_mount_while_it_runs()
    {
        var volume = "hash-" + Guid.NewGuid().ToString("N")[..8];
        var root = Path.Combine(cluster.DataRootOf(0), volume);
        Directory.CreateDirectory(root);
        for (var i = 0; i < 12; i++)
        {
            await File.WriteAllBytesAsync(Path.Combine(root, $"outside-{i}.bin"), Payloads.Random(256 * 1024));
        }

        // 3 MiB at 256 KiB/s: the first run holds its lock for about 12 s.
        using var first = StartHash(1, volume, "256KiB/s");
        Process? second = null;
        try
        {
            await RaceAsync(first, volume, p => second = p);
        }
        finally
        {
            Stop(first);
            if (second is not null)
            {
                Stop(second);
                second.Dispose();
            }
        }
    }

    private async Task RaceAsync(Process first, string volume, Action<Process> started)
    {
        var lockPath = Path.Combine(cluster.DataRootOf(0), volume, ".s3compat_uploads", ".hash.lock");
        var held = Stopwatch.StartNew();
        while (!IsLocked(lockPath))
        {
            if (first.HasExited)
            {
                Assert.Fail($"the first hash run ended ({first.ExitCode}) before it was seen holding its lock: "
                    + await first.StandardOutput.ReadToEndAsync() + await first.StandardError.ReadToEndAsync());
            }

            Assert.True(held.Elapsed < TimeSpan.FromSeconds(60), "the first hash run did not take its lock within 60 s");
            await Task.Delay(50);
        }

        var second = StartHash(2, volume, null);
        started(second);
        await second.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(120));
        var refusal = await second.StandardError.ReadToEndAsync() + await second.StandardOutput.ReadToEndAsync();
        Assert.True(!first.HasExited, "the first run ended before the second was refused; the test proves nothing");
        Assert.Equal(3, second.ExitCode); // ExitCodes.Conflict
        Assert.Contains("Another hash run", refusal);

        await first.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(180));
        Assert.Equal(0, first.ExitCode);
        Assert.Contains("Hashed 12 file(s)", await first.StandardOutput.ReadToEndAsync());
    }

    private static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Not started or already gone.
        }
    }

    private static bool IsLocked(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        try
        {
            using var probe = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None);
            return false;
        }
        catch (IOException)
        {
            return true;
        }
    }

    private Process StartHash(int mount, string volume, string? rate)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(RepoPaths.Root(), "src", "S3Spec.Admin", "bin", RepoPaths.CurrentConfiguration, "net10.0", "S3Spec.Admin.dll"));
        start.ArgumentList.Add("volume");
        start.ArgumentList.Add("hash");
        start.ArgumentList.Add(volume);
        if (rate is not null)
        {
            start.ArgumentList.Add("--rate");
            start.ArgumentList.Add(rate);
        }

        start.Environment["S3SPEC__DATAROOT"] = cluster.DataRootOf(mount);
        start.Environment["DOTNET_NOLOGO"] = "1";
        return Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
    }

    /// <summary>Starts a fourth replica over the mount of replica <paramref name="mount"/> with the sweeper on, and returns its output once its first sweep decided.</summary>
    private async Task<string> FirstSweepOfAReplicaAsync(int mount)
    {
        var credentials = ReplicaCredentials.Default;
        await using var replica = await ServerProcess.StartAsync(new ServerOptions(cluster.DataRootOf(mount), credentials.AccessKey, credentials.SecretKey, credentials.Region)
        {
            ManagementPort = true,
            Settings = new Dictionary<string, string>(StringComparer.Ordinal) { ["AbandonedUploadDays"] = "1" },
            Arguments = ["--Logging:LogLevel:S3Spec.Storage=Debug"],
        });
        var waited = Stopwatch.StartNew();
        while (!replica.Output.Contains(Skipped, StringComparison.Ordinal) && !replica.Output.Contains(Swept, StringComparison.Ordinal))
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(60), "the replica did not sweep within 60 s:\n" + replica.Output);
            await Task.Delay(100);
        }

        return replica.Output;
    }
}
