using S3Spec.Posix;
using S3Spec.Storage.Contract;
using S3Spec.Storage.Posix;

namespace S3Spec.Storage.Tests.Posix;

/// <summary>
/// Opens and creates in the staging tree never follow a symlink in any component, with openat2 and with the
/// component walk used where openat2 is missing; a Complete of an upload folder replaced by a symlink creates nothing
/// outside the volume.
/// </summary>
public sealed class BeneathTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("s3spec-beneath-").FullName;

    public BeneathTests()
    {
        Directory.CreateDirectory(Path.Combine(root, "in", "sub"));
        Directory.CreateDirectory(Path.Combine(root, "out"));
        File.WriteAllText(Path.Combine(root, "out", "secret"), "outside");
        File.WriteAllText(Path.Combine(root, "in", "sub", "file"), "inside");
        File.CreateSymbolicLink(Path.Combine(root, "in", "dirlink"), Path.Combine(root, "out"));
        File.CreateSymbolicLink(Path.Combine(root, "in", "rellink"), "sub");
        File.CreateSymbolicLink(Path.Combine(root, "in", "filelink"), Path.Combine(root, "out", "secret"));
        File.CreateSymbolicLink(Path.Combine(root, "in", "dangling"), Path.Combine(root, "out", "new"));
    }

    public static TheoryData<bool> Ways() => [true, false];

    [Theory]
    [MemberData(nameof(Ways))]
    public void Plain_paths_open_and_create_beneath(bool walk)
    {
        using var dir = OpenIn();
        Assert.Equal(0, Open(walk, dir, "sub/file", Libc.O_RDONLY, 0, out var h));
        h!.Dispose();
        Assert.Equal(0, Open(walk, dir, "sub/made", Libc.O_RDWR | Libc.O_CREAT | Libc.O_EXCL, 0x180, out h));
        h!.Dispose();
        Assert.True(File.Exists(Path.Combine(root, "in", "sub", "made")));
    }

    [Theory]
    [MemberData(nameof(Ways))]
    public void No_symlink_is_followed_in_any_component_nor_created_through(bool walk)
    {
        using var dir = OpenIn();
        foreach (var path in new[] { "dirlink/secret", "rellink/file", "filelink", "dangling", "dirlink/new", "rellink/new" })
        {
            Assert.NotEqual(0, Open(walk, dir, path, Libc.O_RDONLY, 0, out _));
            Assert.NotEqual(0, Open(walk, dir, path, Libc.O_RDWR | Libc.O_CREAT, 0x180, out _));
            Assert.NotEqual(0, Open(walk, dir, path, Libc.O_RDONLY | Libc.O_DIRECTORY, 0, out _));
        }

        Assert.Equal(["secret"], Directory.GetFiles(Path.Combine(root, "out")).Select(Path.GetFileName));
        Assert.False(File.Exists(Path.Combine(root, "in", "sub", "new")));
    }

    [Theory]
    [MemberData(nameof(Ways))]
    public void Paths_that_climb_or_are_absolute_are_refused(bool walk)
    {
        using var dir = OpenIn();
        foreach (var path in new[] { "../out/secret", "sub/../../out/secret", "/etc/passwd", Path.Combine(root, "out", "secret") })
        {
            Assert.NotEqual(0, Open(walk, dir, path, Libc.O_RDONLY, 0, out _));
        }
    }

    [Fact]
    public void An_EAGAIN_is_retried_a_bounded_number_of_times()
    {
        var calls = 0;
        Assert.Equal(0, OpenAt2.Retry(ref calls, static (ref int n, out int errno) =>
        {
            n++;
            errno = n < 5 ? Errno.EAGAIN : 0;
            return n < 5 ? -1 : Libc.Dup(0);
        }, out var h));
        h!.Dispose();
        Assert.Equal(5, calls);

        calls = 0;
        Assert.Equal(Errno.EAGAIN, OpenAt2.Retry(ref calls, static (ref int n, out int errno) =>
        {
            n++;
            errno = Errno.EAGAIN;
            return -1;
        }, out h));
        Assert.Null(h);
        Assert.Equal(OpenAt2.Attempts, calls);

        calls = 0;
        Assert.Equal(Errno.ENOENT, OpenAt2.Retry(ref calls, static (ref int n, out int errno) =>
        {
            n++;
            errno = Errno.ENOENT;
            return -1;
        }, out _));
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task A_Complete_of_an_upload_folder_replaced_by_a_symlink_creates_nothing_outside()
    {
        using var v = new TestVolume();
        var up = await v.Store.CreateMultipartUploadAsync(TestVolume.Name, "k", ObjectMetadata.Empty, "o", null, default);
        var part = await v.Store.UploadPartAsync(TestVolume.Name, "k", up.UploadId, 1, new MemoryStream("data"u8.ToArray()), PutObjectOptions.Default, default);
        var folder = Path.Combine(v.VolumePath, ".s3compat_uploads", up.UploadId);
        Directory.Move(folder, folder + ".moved");
        var outside = Path.Combine(root, "out");
        File.CreateSymbolicLink(folder, outside);

        var e = await Assert.ThrowsAsync<S3Spec.Core.Errors.S3Exception>(() =>
            v.Store.CompleteMultipartUploadAsync(TestVolume.Name, "k", up.UploadId, [new CompletedPart(1, part.ETag)], CompleteOptions.None, default));

        Assert.True(e.Error.Status < 500, e.Error.Code);
        Assert.Equal(["secret"], Directory.GetFileSystemEntries(outside).Select(Path.GetFileName));
        Assert.False(File.Exists(v.PathOf("k")));
        Assert.NotNull(new FileInfo(folder).LinkTarget); // the claim (the symlink itself) was returned
    }

    public void Dispose() => Directory.Delete(root, recursive: true);

    private static int Open(bool walk, Microsoft.Win32.SafeHandles.SafeFileHandle dir, string path, int flags, uint mode, out Microsoft.Win32.SafeHandles.SafeFileHandle? h)
    {
        var e = walk ? Beneath.Walk(dir, path, flags | Libc.O_CLOEXEC, mode, out h) : Beneath.TryOpen(dir, path, flags, mode, out h);
        if (e == 0)
        {
            h!.Dispose();
        }

        return e;
    }

    private Microsoft.Win32.SafeHandles.SafeFileHandle OpenIn()
    {
        Assert.Equal(0, Fs.TryOpenAtPath(Path.Combine(root, "in"), out var h));
        return h!;
    }
}
