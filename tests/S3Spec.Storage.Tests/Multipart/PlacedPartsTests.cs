using System.Text;
using Microsoft.Win32.SafeHandles;
using S3Spec.Core.Errors;
using S3Spec.Posix;
using S3Spec.Storage.Contract;
using S3Spec.Storage.Posix;

namespace S3Spec.Storage.Tests.Multipart;

/// <summary>Parts written in place into the upload's data file, and Complete adopting that file (docs/storage.md "Placed parts").</summary>
public class PlacedPartsTests
{
    private const string Key = "dir/big.bin";

    private static string Fill(char c, int n) => new(c, n);

    private static Task<PartInfo> Part(TestVolume v, string id, int n, string body) =>
        v.Store.UploadPartAsync(TestVolume.Name, Key, id, n, new MemoryStream(Encoding.ASCII.GetBytes(body)), new PutObjectOptions { ContentLength = body.Length }, default);

    private static Task<ObjectInfo> Complete(TestVolume v, string id, params PartInfo[] parts) =>
        v.Store.CompleteMultipartUploadAsync(TestVolume.Name, Key, id, [.. parts.Select(p => new CompletedPart(p.PartNumber, p.ETag))], CompleteOptions.None, default);

    private static async Task<string> Create(TestVolume v) =>
        (await v.Store.CreateMultipartUploadAsync(TestVolume.Name, Key, ObjectMetadata.Empty, "o", null, default)).UploadId;

    private static string UploadDir(TestVolume v, string id) => Path.Combine(v.VolumePath, ".s3compat_uploads", id);

    private static string DataFile(TestVolume v, string id) => Path.Combine(UploadDir(v, id), "parts.data");

    private static ulong Ino(string path)
    {
        Assert.Equal(0, Fs.TryStatPath(path, out var st));
        return st.Ino;
    }

    private static bool HasPartFile(TestVolume v, string id, int n) => File.Exists(Path.Combine(UploadDir(v, id), $"part-{n:D5}"));

    /// <summary>An exclusive OFD lock on a region of the data file, as a concurrent writer of that part holds it.</summary>
    private static SafeFileHandle LockRegion(TestVolume v, string id, long start, long length)
    {
        var h = File.OpenHandle(DataFile(v, id), FileMode.Open, FileAccess.ReadWrite);
        Assert.Equal(0, Fs.TryLockRange(h, start, length));
        return h;
    }

    [Fact]
    public async Task A_data_file_hard_linked_to_a_file_elsewhere_is_never_written_in_place()
    {
        using var v = new TestVolume();
        var id = await Create(v);

        // Another program links a file outside the upload (same filesystem) as the upload's data file.
        var victim = Path.Combine(v.VolumePath, "..", "victim-" + id);
        await File.WriteAllTextAsync(victim, "outside bytes");
        try
        {
            using (var ln = System.Diagnostics.Process.Start("ln", [victim, DataFile(v, id)]))
            {
                await ln.WaitForExitAsync();
                Assert.Equal(0, ln.ExitCode);
            }

            var p1 = await Part(v, id, 1, Fill('a', 100));
            var p2 = await Part(v, id, 2, Fill('b', 50));

            Assert.Equal("outside bytes", await File.ReadAllTextAsync(victim));
            Assert.True(HasPartFile(v, id, 1) && HasPartFile(v, id, 2));
            await Complete(v, id, p1, p2);
            Assert.Equal(Fill('a', 100) + Fill('b', 50), await File.ReadAllTextAsync(Path.Combine(v.VolumePath, Key)));
            Assert.Equal("outside bytes", await File.ReadAllTextAsync(victim));
        }
        finally
        {
            File.Delete(victim);
        }
    }

    [Fact]
    public async Task Uniform_parts_uploaded_in_any_order_make_the_data_file_the_object_without_a_copy()
    {
        using var v = new TestVolume();
        var id = await Create(v);
        var p3 = await Part(v, id, 3, Fill('c', 40));
        var p1 = await Part(v, id, 1, Fill('a', 100));
        var p2 = await Part(v, id, 2, Fill('b', 100));
        Assert.False(HasPartFile(v, id, 3));
        Assert.Equal("40", File.ReadAllText(Path.Combine(UploadDir(v, id), "parts.stride"))); // the first part to arrive fixed it
        var listed = (await v.Store.ListPartsAsync(TestVolume.Name, Key, id, 0, 10, default)).Parts;
        Assert.Equal([1, 2, 3], listed.Select(p => p.PartNumber));
        Assert.Equal([40L, 100L, 100L], [p3.Size, p1.Size, p2.Size]);

        // Stride 40: parts 1 and 2 are longer, so they were staged as files; only part 3 is placed.
        Assert.True(HasPartFile(v, id, 1) && HasPartFile(v, id, 2));
        var done = await Complete(v, id, p1, p2, p3);
        Assert.Equal(Fill('a', 100) + Fill('b', 100) + Fill('c', 40), await v.ReadAsync(Key));
        Assert.Equal(240, done.Size);
    }

    [Fact]
    public async Task Parts_of_the_first_parts_length_are_placed_and_Complete_renames_the_data_file()
    {
        using var v = new TestVolume();
        var id = await Create(v);
        var p2 = await Part(v, id, 2, Fill('b', 64));
        var p1 = await Part(v, id, 1, Fill('a', 64));
        var p3 = await Part(v, id, 3, Fill('c', 10)); // the last part may be shorter
        Assert.False(HasPartFile(v, id, 1) || HasPartFile(v, id, 2) || HasPartFile(v, id, 3));
        var dataIno = Ino(DataFile(v, id));

        var done = await Complete(v, id, p1, p2, p3);
        Assert.Equal(Fill('a', 64) + Fill('b', 64) + Fill('c', 10), await v.ReadAsync(Key));
        Assert.Equal(138, done.Size);
        Assert.Equal(dataIno, Ino(v.PathOf(Key))); // adopted, not copied
        Assert.Equal(138, new FileInfo(v.PathOf(Key)).Length);
        Assert.False(Directory.Exists(UploadDir(v, id)));
        var head = await v.Store.HeadObjectAsync(TestVolume.Name, Key, default);
        Assert.Equal(done.ETag, head.ETag);
        Assert.EndsWith("-3\"", done.ETag);
    }

    [Fact]
    public async Task A_longer_part_or_a_gap_in_the_part_numbers_is_assembled_by_copying()
    {
        using var v = new TestVolume();
        var id = await Create(v);
        var p1 = await Part(v, id, 1, Fill('a', 50));
        var p2 = await Part(v, id, 2, Fill('b', 80)); // longer than the stride: its own file
        var p4 = await Part(v, id, 4, Fill('d', 50));
        Assert.True(HasPartFile(v, id, 2));
        Assert.False(HasPartFile(v, id, 4));
        var dataIno = Ino(DataFile(v, id));

        await Complete(v, id, p1, p2, p4);
        Assert.Equal(Fill('a', 50) + Fill('b', 80) + Fill('d', 50), await v.ReadAsync(Key));
        Assert.NotEqual(dataIno, Ino(v.PathOf(Key)));

        id = await Create(v);
        p1 = await Part(v, id, 1, Fill('a', 50));
        var p3 = await Part(v, id, 3, Fill('c', 50));
        await Complete(v, id, p1, p3); // placed, but part 2 is missing: copied from the two regions
        Assert.Equal(Fill('a', 50) + Fill('c', 50), await v.ReadAsync(Key));
    }

    [Fact]
    public async Task Completing_fewer_parts_than_were_placed_copies_and_keeps_the_others_until_it_succeeds()
    {
        using var v = new TestVolume();
        var id = await Create(v);
        var p1 = await Part(v, id, 1, Fill('a', 30));
        var p2 = await Part(v, id, 2, Fill('b', 30));
        await Part(v, id, 3, Fill('c', 30));
        var dataIno = Ino(DataFile(v, id));

        await Complete(v, id, p1, p2);
        Assert.Equal(Fill('a', 30) + Fill('b', 30), await v.ReadAsync(Key));
        Assert.NotEqual(dataIno, Ino(v.PathOf(Key)));
    }

    [Fact]
    public async Task A_part_uploaded_again_is_staged_as_a_file_and_wins()
    {
        using var v = new TestVolume();
        var id = await Create(v);
        var p1 = await Part(v, id, 1, Fill('a', 20));
        await Part(v, id, 2, Fill('b', 20));
        var again = await Part(v, id, 2, Fill('B', 20));
        Assert.True(HasPartFile(v, id, 2));
        var listed = (await v.Store.ListPartsAsync(TestVolume.Name, Key, id, 0, 10, default)).Parts;
        Assert.Equal(again.ETag, listed[1].ETag);

        await Complete(v, id, p1, again);
        Assert.Equal(Fill('a', 20) + Fill('B', 20), await v.ReadAsync(Key));
    }

    [Fact]
    public async Task A_region_being_written_sends_the_part_to_a_file_and_Complete_to_a_copy()
    {
        using var v = new TestVolume();
        var id = await Create(v);
        var p1 = await Part(v, id, 1, Fill('a', 10));
        PartInfo p2;
        using (LockRegion(v, id, 10, 10))
        {
            p2 = await Part(v, id, 2, Fill('b', 10)); // another request holds part 2's region
        }

        Assert.True(HasPartFile(v, id, 2));
        var p3 = await Part(v, id, 3, Fill('c', 10));
        var dataIno = Ino(DataFile(v, id));
        using (LockRegion(v, id, 30, 10))
        {
            // A part 4 is still being written: the data file cannot be adopted, the parts are copied.
            await Complete(v, id, p1, p2, p3);
        }

        Assert.Equal(Fill('a', 10) + Fill('b', 10) + Fill('c', 10), await v.ReadAsync(Key));
        Assert.NotEqual(dataIno, Ino(v.PathOf(Key)));
    }

    [Fact]
    public async Task A_placed_part_whose_body_ends_early_leaves_no_part_and_can_be_sent_again()
    {
        using var v = new TestVolume();
        var id = await Create(v);
        var p1 = await Part(v, id, 1, Fill('a', 16));
        var shortBody = new MemoryStream(Encoding.ASCII.GetBytes(Fill('x', 10)));
        Assert.Same(S3Errors.IncompleteBody, await TestVolume.ErrorOf(() =>
            v.Store.UploadPartAsync(TestVolume.Name, Key, id, 2, shortBody, new PutObjectOptions { ContentLength = 16 }, default)));
        Assert.Equal([1], (await v.Store.ListPartsAsync(TestVolume.Name, Key, id, 0, 10, default)).Parts.Select(p => p.PartNumber));

        var p2 = await Part(v, id, 2, Fill('b', 16));
        Assert.False(HasPartFile(v, id, 2));
        var dataIno = Ino(DataFile(v, id));
        await Complete(v, id, p1, p2);
        Assert.Equal(Fill('a', 16) + Fill('b', 16), await v.ReadAsync(Key));
        Assert.Equal(dataIno, Ino(v.PathOf(Key)));
    }

    [Fact]
    public async Task A_Complete_refused_after_adopting_the_data_file_leaves_the_upload_whole()
    {
        using var v = new TestVolume();
        var id = await Create(v);
        var p1 = await Part(v, id, 1, Fill('a', 12));
        var p2 = await Part(v, id, 2, Fill('b', 5));
        Directory.CreateDirectory(Path.Combine(v.PathOf(Key), "inside")); // the key is a directory: the publish fails
        Assert.Same(S3Errors.ExistingObjectIsDirectory, await TestVolume.ErrorOf(() => Complete(v, id, p1, p2)));
        Assert.True(File.Exists(DataFile(v, id)));

        Directory.Delete(v.PathOf(Key), recursive: true);
        await Complete(v, id, p1, p2);
        Assert.Equal(Fill('a', 12) + Fill('b', 5), await v.ReadAsync(Key));
    }

    [Fact]
    public async Task A_refused_Complete_of_fewer_parts_keeps_the_placed_parts_after_them()
    {
        using var v = new TestVolume();
        var id = await Create(v);
        var p1 = await Part(v, id, 1, Fill('a', 12));
        var p2 = await Part(v, id, 2, Fill('b', 12));
        var p3 = await Part(v, id, 3, "tail");
        Directory.CreateDirectory(Path.Combine(v.PathOf(Key), "inside"));
        Assert.Same(S3Errors.ExistingObjectIsDirectory, await TestVolume.ErrorOf(() => Complete(v, id, p1, p2)));

        Directory.Delete(v.PathOf(Key), recursive: true);
        var parts = (await v.Store.ListPartsAsync(TestVolume.Name, Key, id, 0, 10, default)).Parts;
        Assert.Equal([p1.ETag, p2.ETag, p3.ETag], parts.Select(p => p.ETag));
        await Complete(v, id, p1, p2, p3);
        Assert.Equal(Fill('a', 12) + Fill('b', 12) + "tail", await v.ReadAsync(Key));
    }

    [Fact]
    public async Task Bodies_without_a_length_and_a_store_with_placement_off_stage_every_part_as_a_file()
    {
        using var v = new TestVolume();
        var id = await Create(v);
        await v.Store.UploadPartAsync(TestVolume.Name, Key, id, 1, new MemoryStream("abc"u8.ToArray()), PutObjectOptions.Default, default);
        Assert.True(HasPartFile(v, id, 1));
        Assert.False(File.Exists(DataFile(v, id)));

        using var off = new TestVolume(configure: o => o.PlacedParts = false);
        id = await Create(off);
        var p1 = await Part(off, id, 1, "abc");
        Assert.True(HasPartFile(off, id, 1));
        Assert.False(File.Exists(DataFile(off, id)));
        await Complete(off, id, p1);
        Assert.Equal("abc", await off.ReadAsync(Key));
    }

    [Fact]
    public async Task Parts_placed_by_concurrent_requests_all_land_in_their_regions()
    {
        using var v = new TestVolume();
        var id = await Create(v);
        var first = await Part(v, id, 1, Fill('0', 4096));
        var rest = await Task.WhenAll(Enumerable.Range(2, 15).Select(n => Task.Run(() => Part(v, id, n, Fill((char)('a' + n), n == 16 ? 100 : 4096)))));
        var all = new[] { first }.Concat(rest.OrderBy(p => p.PartNumber)).ToArray();
        var dataIno = Ino(DataFile(v, id));
        await Complete(v, id, all);
        var expected = Fill('0', 4096) + string.Concat(Enumerable.Range(2, 15).Select(n => Fill((char)('a' + n), n == 16 ? 100 : 4096)));
        Assert.Equal(expected, await v.ReadAsync(Key));
        Assert.Equal(dataIno, Ino(v.PathOf(Key)));
    }

    [Fact]
    public async Task An_OFD_lock_conflicts_within_one_process()
    {
        // The placement relies on open-file-description locks conflicting between two opens of one process.
        var path = Path.GetTempFileName();
        try
        {
            using var a = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite);
            using var b = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite);
            Assert.Equal(0, Fs.TryLockRange(a, 0, 10));
            Assert.Contains(Fs.TryLockRange(b, 5, 10), new[] { Errno.EAGAIN, Errno.EACCES });
            Assert.Equal(0, Fs.TryLockRange(b, 10, 10));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
