using System.Text;
using S3Spec.Posix;
using S3Spec.Storage.Contract;
using S3Spec.Storage.Posix;

namespace S3Spec.Storage.Tests.Posix;

public class StagingTests
{
    [Fact]
    public void A_small_file_is_created_once_the_first_writer_wins_and_no_temp_file_stays()
    {
        var dir = Directory.CreateTempSubdirectory("s3spec-staging-").FullName;
        try
        {
            var staging = new Staging(new Ownership(new StorageOptions()));
            Assert.Equal(0, Fs.TryOpenAtPath(dir, out var d));
            using (d)
            {
                Assert.Equal(0, staging.TryCreateSmallFile(d!, "once", "first"u8.ToArray()));
                Assert.Equal(Errno.EEXIST, staging.TryCreateSmallFile(d!, "once", "second"u8.ToArray()));
                staging.WriteSmallFile(d!, "replaced", "first"u8.ToArray());
                staging.WriteSmallFile(d!, "replaced", "second"u8.ToArray());
            }

            Assert.Equal("first", File.ReadAllText(Path.Combine(dir, "once"), Encoding.ASCII));
            Assert.Equal("second", File.ReadAllText(Path.Combine(dir, "replaced"), Encoding.ASCII));
            Assert.Equal(["once", "replaced"], Directory.GetFiles(dir).Select(Path.GetFileName).Order());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void A_shared_file_is_made_once_by_rename_opened_read_write_by_everyone_and_a_symlink_in_its_place_is_refused()
    {
        var dir = Directory.CreateTempSubdirectory("s3spec-staging-").FullName;
        try
        {
            var staging = new Staging(new Ownership(new StorageOptions()));
            Assert.Equal(0, Fs.TryOpenAtPath(dir, out var d));
            using (d)
            {
                using var first = staging.OpenShared(d!, "shared.lock");
                using var second = staging.OpenShared(d!, "shared.lock");
                Assert.Equal(Fs.Fstat(first, FsOp.Write).Ino, Fs.Fstat(second, FsOp.Write).Ino);
                Assert.Equal(0, Fs.TryLockRange(first, 7, 1));
                Assert.NotEqual(0, Fs.TryLockRange(second, 7, 1));
                Assert.Equal(0, Fs.TryLockRange(second, 8, 1));
                Assert.Equal(0, Fs.UnlockRange(first, 7, 1));
                Assert.Equal(0, Fs.TryLockRange(second, 7, 1));

                File.CreateSymbolicLink(Path.Combine(dir, "planted.lock"), Path.Combine(dir, "shared.lock"));
                var refused = Assert.Throws<S3Spec.Core.Errors.S3Exception>(() => staging.OpenShared(d!, "planted.lock"));
                Assert.Equal(S3Spec.Core.Errors.S3Errors.StagingTampered, refused.Error);
            }

            Assert.Equal(["planted.lock", "shared.lock"], Directory.GetFileSystemEntries(dir).Select(Path.GetFileName).Order());
            Assert.Equal(0, new FileInfo(Path.Combine(dir, "shared.lock")).Length);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
