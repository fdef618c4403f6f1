using System.Text;

namespace S3Spec.Posix.Tests;

public sealed class AtomicFileTests : IDisposable
{
    private readonly string dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "s3spec-posix-" + Guid.NewGuid().ToString("N"))).FullName;

    [Fact]
    public void Replace_writes_the_content_with_the_given_mode_else_the_replaced_files_mode()
    {
        var path = Path.Combine(dir, "f.json");
        AtomicFile.Replace(path, "one"u8, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Assert.Equal("one", File.ReadAllText(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, ModeOf(path));

        AtomicFile.Replace(path, "two"u8, mode: null);
        Assert.Equal("two", File.ReadAllText(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, ModeOf(path)); // kept from the file it replaced
        Assert.Equal(["f.json"], Names());
    }

    [Fact]
    public void Create_refuses_an_existing_name_and_keeps_the_old_content()
    {
        var path = Path.Combine(dir, "keys.json");
        AtomicFile.Create(path, "first"u8, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var e = Assert.Throws<IOException>(() => AtomicFile.Create(path, "second"u8, UnixFileMode.UserRead | UnixFileMode.UserWrite));
        Assert.Equal(Errno.EEXIST, e.HResult);
        Assert.Equal("first", File.ReadAllText(path));
        Assert.Equal(["keys.json"], Names()); // no temp file left behind
    }

    [Fact]
    public void CreateIfMissing_makes_an_empty_file_once_in_parallel_and_never_touches_an_existing_one()
    {
        var path = Path.Combine(dir, "shared.lock");
        Parallel.For(0, 16, _ => AtomicFile.CreateIfMissing(path, UnixFileMode.UserRead | UnixFileMode.UserWrite));
        Assert.Equal(0, new FileInfo(path).Length);
        File.WriteAllText(path, "kept");
        AtomicFile.CreateIfMissing(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Assert.Equal("kept", File.ReadAllText(path));
        Assert.Equal(["shared.lock"], Names());
    }

    [Fact]
    public void A_failed_rename_answers_its_errno_and_leaves_no_temp_file()
    {
        Directory.CreateDirectory(Path.Combine(dir, "taken"));
        using var handle = new Microsoft.Win32.SafeHandles.SafeFileHandle(Libc.OpenAt(Libc.AT_FDCWD, dir, Libc.O_RDONLY | Libc.O_DIRECTORY | Libc.O_CLOEXEC, 0), ownsHandle: true);
        var created = 0;
        var e = AtomicFile.TryWrite(handle, "taken", Encoding.UTF8.GetBytes("x"), noReplace: false, (Microsoft.Win32.SafeHandles.SafeFileHandle d, out string name) =>
        {
            created++;
            name = "temp.tmp";
            return File.OpenHandle(Path.Combine(dir, name), FileMode.CreateNew, FileAccess.Write);
        }, out var failed);
        Assert.Equal(1, created);
        Assert.Equal(Errno.EISDIR, e);
        Assert.Equal("rename", failed);
        Assert.Equal(["taken"], Names());
    }

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private string[] Names() => Directory.GetFileSystemEntries(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;

    private static UnixFileMode ModeOf(string path) => OperatingSystem.IsWindows() ? default : File.GetUnixFileMode(path);
}
