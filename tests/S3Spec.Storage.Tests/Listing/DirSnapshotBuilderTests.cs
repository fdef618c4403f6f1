using S3Spec.Posix;
using S3Spec.Storage.Listing;

namespace S3Spec.Storage.Tests.Listing;

public class DirSnapshotBuilderTests
{
    [Fact]
    public void A_name_a_readdir_returned_twice_is_listed_once_and_a_file_beside_a_folder_of_its_name_stays()
    {
        // What a GlusterFS DHT readdir returned while another client renamed "b" between bricks: "b" twice.
        var snapshot = DirSnapshotBuilder.FromEntries(
            [("c", Libc.DT_REG), ("b", Libc.DT_REG), ("a", Libc.DT_DIR), ("b", Libc.DT_REG), ("a", Libc.DT_REG), ("c", Libc.DT_REG), ("c", Libc.DT_REG)],
            default, whole: true);
        var keys = Enumerable.Range(0, snapshot.Count).Select(snapshot.SortKeyString).ToArray();
        Assert.Equal(["a", "a/", "b", "c"], keys);
    }
}
