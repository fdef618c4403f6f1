using S3Spec.Core.Errors;
using S3Spec.Storage.Contract;

namespace S3Spec.Storage.Tests.Maintenance;

public class VolumeDirectoryTests
{
    [Fact]
    public void A_created_volume_gets_the_configured_directory_mode()
    {
        using var v = new TestVolume(configure: o => o.DirectoryMode = "0750");
        Assert.True(v.Store.Maintenance.CreateVolume("vol2"));
        var mode = OperatingSystem.IsWindows() ? default : File.GetUnixFileMode(Path.Combine(v.DataRoot, "vol2"));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute, mode);
        Assert.Equal(["vol1", "vol2"], v.Store.Maintenance.ListVolumes().Select(x => x.Name));
    }

    [Fact]
    public void Creating_over_a_directory_file_or_dangling_link_answers_false()
    {
        using var v = new TestVolume();
        File.WriteAllText(Path.Combine(v.DataRoot, "afile"), "");
        File.CreateSymbolicLink(Path.Combine(v.DataRoot, "alink"), "/nonexistent-target");
        Assert.False(v.Store.Maintenance.CreateVolume(TestVolume.Name));
        Assert.False(v.Store.Maintenance.CreateVolume("afile"));
        Assert.False(v.Store.Maintenance.CreateVolume("alink"));
        Assert.Throws<S3Exception>(() => v.Store.Maintenance.CreateVolume("Not_A_Bucket"));
    }

    [Fact]
    public void A_missing_data_root_is_created_only_when_asked()
    {
        using var v = new TestVolume();
        var root = Path.Combine(v.DataRoot, "nested", "root");
        var maintenance = PosixStorage.CreateMaintenance(new StorageOptions { DataRoot = root }, TimeProvider.System);
        Assert.Same(S3Errors.NoSuchBucket, Assert.Throws<S3Exception>(() => maintenance.CreateVolume("default")).Error);
        Assert.True(maintenance.CreateVolume("default", createDataRoot: true));
        Assert.True(Directory.Exists(Path.Combine(root, "default")));
    }

    [Fact]
    public async Task Remove_refuses_content_without_force_and_keeps_a_links_target()
    {
        using var v = new TestVolume();
        await v.PutAsync("x", "1");
        Assert.Equal(VolumeRemovalOutcome.NotEmpty, v.Store.Maintenance.RemoveVolume(TestVolume.Name, force: false).Outcome);
        Assert.Equal(VolumeRemovalOutcome.Removed, v.Store.Maintenance.RemoveVolume(TestVolume.Name, force: true).Outcome);
        Assert.False(Directory.Exists(v.VolumePath));

        var target = Directory.CreateDirectory(Path.Combine(v.DataRoot, "target")).FullName;
        File.WriteAllText(Path.Combine(target, "kept"), "k");
        Directory.CreateSymbolicLink(Path.Combine(v.DataRoot, "linked"), target);
        var removal = v.Store.Maintenance.RemoveVolume("linked", force: true);
        Assert.Equal(new VolumeRemoval(VolumeRemovalOutcome.RemovedLink, target), removal);
        Assert.True(File.Exists(Path.Combine(target, "kept")));
        Assert.Equal(VolumeRemovalOutcome.NotFound, v.Store.Maintenance.RemoveVolume("linked", force: true).Outcome);
    }
}
