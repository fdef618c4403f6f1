using S3Spec.Core.Errors;
using S3Spec.Posix;
using S3Spec.Storage.Contract;

namespace S3Spec.Storage.Tests.Posix;

/// <summary>
/// Confinement of object paths, each test also with the component walk of kernels without openat2 (forced per store:
/// <c>fallback: true</c>), where every symlink is refused (docs/storage.md "Confinement").
/// </summary>
public class ConfinementTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Symlink_leaving_the_volume_is_refused_and_not_listed(bool fallback)
    {
        using var v = Volume(fallback);
        File.CreateSymbolicLink(v.PathOf("passwd"), "/etc/passwd");
        File.CreateSymbolicLink(v.PathOf("up"), "../../../../../../etc/passwd");
        Assert.Same(S3Errors.SymlinkOutsideVolume, await TestVolume.ErrorOf(() => v.Store.OpenObjectAsync(TestVolume.Name, "passwd", default)));
        Assert.Same(S3Errors.SymlinkOutsideVolume, await TestVolume.ErrorOf(() => v.Store.HeadObjectAsync(TestVolume.Name, "up", default)));
        var page = await v.Store.ListObjectsAsync(TestVolume.Name, new ListObjectsRequest(), default);
        Assert.Empty(page.Objects);
    }

    [Fact]
    public async Task Symlink_inside_the_volume_is_served_and_listed_as_a_file()
    {
        using var v = new TestVolume();
        v.WriteFile("data/real.txt", "hello");
        File.CreateSymbolicLink(v.PathOf("alias.txt"), "data/real.txt");
        Directory.CreateSymbolicLink(v.PathOf("dirlink"), "data");
        Assert.Equal("hello", await v.ReadAsync("alias.txt"));
        var page = await v.Store.ListObjectsAsync(TestVolume.Name, new ListObjectsRequest(), default);
        Assert.Equal(["alias.txt", "data/real.txt"], page.Objects.Select(o => o.Key));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Symlink_into_the_staging_folder_is_refused(bool fallback)
    {
        using var v = Volume(fallback);
        await v.PutAsync("x", "1"); // creates .s3compat_uploads
        File.WriteAllText(Path.Combine(v.VolumePath, ".s3compat_uploads", "secret"), "s");
        File.CreateSymbolicLink(v.PathOf("peek"), ".s3compat_uploads/secret");
        var refused = fallback ? S3Errors.SymlinkOutsideVolume : S3Errors.ReservedName; // the walk refuses every symlink
        Assert.Same(refused, await TestVolume.ErrorOf(() => v.Store.OpenObjectAsync(TestVolume.Name, "peek", default)));
        var page = await v.Store.ListObjectsAsync(TestVolume.Name, new ListObjectsRequest(), default);
        Assert.Equal(["x"], page.Objects.Select(o => o.Key));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Dot_dot_and_staging_keys_are_refused(bool fallback)
    {
        using var v = Volume(fallback);
        Assert.Same(S3Errors.InvalidObjectName, await TestVolume.ErrorOf(() => v.Store.OpenObjectAsync(TestVolume.Name, "../vol1/x", default)));
        Assert.Same(S3Errors.ReservedName, await TestVolume.ErrorOf(() => v.PutAsync(".s3compat_uploads/evil", "x")));
        Assert.Same(S3Errors.ReservedName, await TestVolume.ErrorOf(() => v.Store.DeleteObjectAsync(TestVolume.Name, ".s3compat_uploads/.tmp/", default)));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Fifo_is_neither_listed_nor_opened(bool fallback)
    {
        using var v = Volume(fallback);
        Assert.Equal(0, Libc.MkfifoAt(Libc.AT_FDCWD, v.PathOf("pipe"), 0x1B6));
        v.WriteFile("file", "x");
        Assert.Same(S3Errors.NotRegularFile, await TestVolume.ErrorOf(() => v.Store.OpenObjectAsync(TestVolume.Name, "pipe", default)));
        var page = await v.Store.ListObjectsAsync(TestVolume.Name, new ListObjectsRequest(), default);
        Assert.Equal(["file"], page.Objects.Select(o => o.Key));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Put_through_a_hard_link_never_modifies_the_linked_file(bool fallback)
    {
        using var v = Volume(fallback);
        var outside = Path.Combine(v.DataRoot, "outside.txt");
        File.WriteAllText(outside, "original");
        Assert.Equal(0, Link(outside, v.PathOf("linked")));
        await v.PutAsync("linked", "replaced");
        Assert.Equal("original", File.ReadAllText(outside));
        Assert.Equal("replaced", await v.ReadAsync("linked"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Put_through_a_symlinked_parent_outside_is_refused(bool fallback)
    {
        using var v = Volume(fallback);
        var outside = Directory.CreateDirectory(Path.Combine(v.DataRoot, "elsewhere")).FullName;
        Directory.CreateSymbolicLink(v.PathOf("esc"), outside);
        Assert.Same(S3Errors.SymlinkOutsideVolume, await TestVolume.ErrorOf(() => v.PutAsync("esc/file", "x")));
        Assert.Empty(Directory.GetFiles(outside));
    }

    [Fact]
    public void Volumes_are_valid_bucket_names_only()
    {
        using var v = new TestVolume();
        Directory.CreateDirectory(Path.Combine(v.DataRoot, "lost+found"));
        Directory.CreateDirectory(Path.Combine(v.DataRoot, ".hidden"));
        Directory.CreateDirectory(Path.Combine(v.DataRoot, "vol2"));
        File.WriteAllText(Path.Combine(v.DataRoot, "file3"), "");
        Assert.Equal(["vol1", "vol2"], v.Store.ListVolumes().Select(x => x.Name));
        Assert.NotNull(v.Store.GetVolume("vol2"));
        Assert.Null(v.Store.GetVolume("lost+found"));
        Assert.Null(v.Store.GetVolume("file3"));
    }

    [Fact]
    public async Task Without_openat2_a_symlink_inside_the_volume_is_refused_too()
    {
        using var v = Volume(fallback: true);
        v.WriteFile("data/real.txt", "hello");
        File.CreateSymbolicLink(v.PathOf("alias.txt"), "data/real.txt");
        Directory.CreateSymbolicLink(v.PathOf("dirlink"), "data");
        Assert.Same(S3Errors.SymlinkOutsideVolume, await TestVolume.ErrorOf(() => v.Store.OpenObjectAsync(TestVolume.Name, "alias.txt", default)));
        Assert.Same(S3Errors.SymlinkOutsideVolume, await TestVolume.ErrorOf(() => v.Store.OpenObjectAsync(TestVolume.Name, "dirlink/real.txt", default)));
        Assert.Same(S3Errors.SymlinkOutsideVolume, await TestVolume.ErrorOf(() => v.PutAsync("dirlink/new.txt", "x")));
        Assert.False(File.Exists(v.PathOf("data/new.txt")));
        Assert.Equal("hello", await v.ReadAsync("data/real.txt"));
    }

    [Fact]
    public async Task The_fallback_is_per_store()
    {
        using var walking = Volume(fallback: true);
        using var kernel = new TestVolume();
        foreach (var v in new[] { walking, kernel })
        {
            v.WriteFile("data/real.txt", "hello");
            File.CreateSymbolicLink(v.PathOf("alias.txt"), "data/real.txt");
        }

        Assert.Same(S3Errors.SymlinkOutsideVolume, await TestVolume.ErrorOf(() => walking.Store.OpenObjectAsync(TestVolume.Name, "alias.txt", default)));
        Assert.Equal("hello", await kernel.ReadAsync("alias.txt")); // the other store in this process still uses openat2
    }

    private static TestVolume Volume(bool fallback) => new(configure: o => o.ForceConfinementFallback = fallback);

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "link")]
    private static extern int Link(string from, string to);
}
