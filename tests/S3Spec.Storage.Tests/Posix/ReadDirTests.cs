using S3Spec.Storage.Posix;

namespace S3Spec.Storage.Tests.Posix;

/// <summary>Reading a directory handle lists all its entries every time (housekeeping reads the staging folder three times).</summary>
public class ReadDirTests
{
    [Fact]
    public void The_same_handle_read_twice_lists_every_entry_both_times()
    {
        var dir = Directory.CreateTempSubdirectory("s3spec-readdir-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "a"), "");
            File.WriteAllText(Path.Combine(dir, "b"), "");
            Assert.Equal(0, Fs.TryOpenAtPath(dir, out var d));
            using (d)
            {
                for (var reading = 0; reading < 3; reading++)
                {
                    var entries = new List<DirEntry>();
                    Assert.Equal(0, Fs.TryReadDir(d!, entries, null));
                    Assert.Equal(["a", "b"], entries.Select(e => e.Name).Order());
                }
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
