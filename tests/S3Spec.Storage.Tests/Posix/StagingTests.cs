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
}
