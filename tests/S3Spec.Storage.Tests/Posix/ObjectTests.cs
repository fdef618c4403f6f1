using System.Security.Cryptography;
using System.Text;
using S3Spec.Core.Errors;
using S3Spec.Storage.Contract;

namespace S3Spec.Storage.Tests.Posix;

public class ObjectTests
{
    private static readonly string HelloMd5 = Convert.ToHexStringLower(MD5.HashData("hello"u8));

    [Fact]
    public async Task Put_then_get_round_trips_content_etag_and_metadata()
    {
        using var v = new TestVolume();
        var meta = new ObjectMetadata
        {
            ContentType = "text/plain",
            CacheControl = "no-cache",
            User = new Dictionary<string, string> { ["color"] = "blue" },
        };
        var put = await v.PutAsync("a/b/c.txt", "hello", meta);
        Assert.Equal("\"" + HelloMd5 + "\"", put.ETag);
        Assert.Equal("hello", File.ReadAllText(v.PathOf("a/b/c.txt")));

        var head = await v.Store.HeadObjectAsync(TestVolume.Name, "a/b/c.txt", default);
        Assert.Equal(put.ETag, head.ETag);
        Assert.Equal(5, head.Size);
        Assert.Equal("text/plain", head.Metadata.ContentType);
        Assert.Equal("no-cache", head.Metadata.CacheControl);
        Assert.Equal("blue", head.Metadata.User["color"]);
        Assert.Equal("hello", await v.ReadAsync("a/b/c.txt"));
        Assert.Empty(v.TempFiles());
    }

    [Fact]
    public async Task External_file_gets_a_stable_non_md5_etag_that_changes_on_rewrite()
    {
        using var v = new TestVolume();
        v.WriteFile("ext.bin", "hello");
        var first = await v.Store.HeadObjectAsync(TestVolume.Name, "ext.bin", default);
        var again = await v.Store.HeadObjectAsync(TestVolume.Name, "ext.bin", default);
        Assert.Equal(first.ETag, again.ETag);
        Assert.Contains('-', first.ETag);
        Assert.NotEqual("\"" + HelloMd5 + "\"", first.ETag);
        Assert.Null(first.Metadata.ContentType);

        File.WriteAllText(v.PathOf("ext.bin"), "hello, world");
        var rewritten = await v.Store.HeadObjectAsync(TestVolume.Name, "ext.bin", default);
        Assert.NotEqual(first.ETag, rewritten.ETag);
    }

    [Fact]
    public async Task Object_rewritten_by_another_program_loses_its_stored_md5()
    {
        using var v = new TestVolume();
        await v.PutAsync("f", "hello", new ObjectMetadata { ContentType = "text/x" });
        File.AppendAllText(v.PathOf("f"), "!");
        var head = await v.Store.HeadObjectAsync(TestVolume.Name, "f", default);
        Assert.Contains('-', head.ETag);
        Assert.Null(head.Metadata.ContentType);
    }

    [Fact]
    public async Task Short_body_leaves_no_file_and_no_temp()
    {
        using var v = new TestVolume();
        var e = await TestVolume.ErrorOf(() => v.Store.PutObjectAsync(TestVolume.Name, "short",
            new MemoryStream(new byte[10]), new PutObjectOptions { ContentLength = 20 }, default));
        Assert.Same(S3Errors.IncompleteBody, e);
        Assert.False(File.Exists(v.PathOf("short")));
        Assert.Empty(v.TempFiles());
    }

    [Fact]
    public async Task Cancelled_put_leaves_no_file_and_no_temp()
    {
        using var v = new TestVolume();
        using var cts = new CancellationTokenSource();
        var body = new FailingStream(cts, 100_000);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            v.Store.PutObjectAsync(TestVolume.Name, "cancelled", body, PutObjectOptions.Default, cts.Token));
        Assert.False(File.Exists(v.PathOf("cancelled")));
        Assert.Empty(v.TempFiles());
    }

    [Fact]
    public async Task Bad_digest_keeps_the_previous_object()
    {
        using var v = new TestVolume();
        await v.PutAsync("k", "old");
        var e = await TestVolume.ErrorOf(() => v.Store.PutObjectAsync(TestVolume.Name, "k",
            new MemoryStream("new"u8.ToArray()), new PutObjectOptions { ContentMd5 = new byte[16] }, default));
        Assert.Same(S3Errors.BadDigest, e);
        Assert.Equal("old", await v.ReadAsync("k"));
        Assert.Empty(v.TempFiles());
    }

    [Fact]
    public async Task Too_large_is_refused_before_reading_and_while_streaming()
    {
        using var v = new TestVolume();
        v.Options.MaxPutSize = 8;
        var body = new MemoryStream(new byte[100]);
        Assert.Same(S3Errors.EntityTooLarge, await TestVolume.ErrorOf(() =>
            v.Store.PutObjectAsync(TestVolume.Name, "big", body, new PutObjectOptions { ContentLength = 100 }, default)));
        Assert.Equal(0, body.Position);
        Assert.Same(S3Errors.EntityTooLarge, await TestVolume.ErrorOf(() =>
            v.Store.PutObjectAsync(TestVolume.Name, "big", body, PutObjectOptions.Default, default)));
        Assert.False(File.Exists(v.PathOf("big")));
    }

    [Fact]
    public async Task Name_clashes_between_files_and_directories_are_refused()
    {
        using var v = new TestVolume();
        await v.PutAsync("a", "file");
        Assert.Same(S3Errors.ObjectParentIsFile, await TestVolume.ErrorOf(() => v.PutAsync("a/b", "x")));
        await v.PutAsync("d/child", "x");
        Assert.Same(S3Errors.ExistingObjectIsDirectory, await TestVolume.ErrorOf(() => v.PutAsync("d", "x")));
        Directory.CreateDirectory(v.PathOf("empty"));
        Assert.Same(S3Errors.ExistingObjectIsDirectory, await TestVolume.ErrorOf(() => v.PutAsync("empty", "x")));
        Assert.Same(S3Errors.NoSuchKey, await TestVolume.ErrorOf(() => v.Store.HeadObjectAsync(TestVolume.Name, "d", default)));
        Assert.Same(S3Errors.NoSuchKey, await TestVolume.ErrorOf(() => v.Store.HeadObjectAsync(TestVolume.Name, "a/", default)));
        Assert.Same(S3Errors.NoSuchBucket, await TestVolume.ErrorOf(() => v.Store.HeadObjectAsync("nope-vol", "a", default)));
    }

    [Fact]
    public async Task Directory_keys_are_mkdir_and_answer_an_empty_object()
    {
        using var v = new TestVolume();
        var put = await v.Store.PutObjectAsync(TestVolume.Name, "dir/", Stream.Null, new PutObjectOptions { ContentLength = 0 }, default);
        Assert.True(put.IsDirectory);
        Assert.True(Directory.Exists(v.PathOf("dir")));
        var head = await v.Store.HeadObjectAsync(TestVolume.Name, "dir/", default);
        Assert.Equal("\"d41d8cd98f00b204e9800998ecf8427e\"", head.ETag);
        Assert.Equal(0, head.Size);
        Assert.Same(S3Errors.DirectoryObjectContainsData, await TestVolume.ErrorOf(() =>
            v.Store.PutObjectAsync(TestVolume.Name, "dir2/", new MemoryStream([1]), PutObjectOptions.Default, default)));
    }

    [Fact]
    public async Task Delete_removes_implicit_parents_but_keeps_explicit_directories()
    {
        using var v = new TestVolume();
        await v.Store.PutObjectAsync(TestVolume.Name, "keep/", Stream.Null, PutObjectOptions.Default, default);
        await v.PutAsync("keep/x/y/z.txt", "1");
        await v.PutAsync("keep/x/other.txt", "2");
        Directory.CreateDirectory(v.PathOf("external/dir"));
        await v.PutAsync("external/dir/f", "3");

        await v.Store.DeleteObjectAsync(TestVolume.Name, "keep/x/y/z.txt", default);
        Assert.False(Directory.Exists(v.PathOf("keep/x/y")));
        Assert.True(Directory.Exists(v.PathOf("keep/x"))); // still holds other.txt
        await v.Store.DeleteObjectAsync(TestVolume.Name, "keep/x/other.txt", default);
        Assert.False(Directory.Exists(v.PathOf("keep/x")));
        Assert.True(Directory.Exists(v.PathOf("keep"))); // made by "keep/" PUT

        await v.Store.DeleteObjectAsync(TestVolume.Name, "external/dir/f", default);
        Assert.True(Directory.Exists(v.PathOf("external/dir"))); // made by another program

        await v.Store.DeleteObjectAsync(TestVolume.Name, "missing/key", default); // idempotent
        await v.PutAsync("keep/k", "x");
        await v.Store.DeleteObjectAsync(TestVolume.Name, "keep/", default); // non-empty: kept, success
        Assert.True(File.Exists(v.PathOf("keep/k")));
        await v.Store.DeleteObjectAsync(TestVolume.Name, "keep/k", default);
        await v.Store.DeleteObjectAsync(TestVolume.Name, "keep/", default);
        Assert.False(Directory.Exists(v.PathOf("keep")));
    }

    [Fact]
    public async Task Copy_reuses_the_etag_and_copies_or_replaces_metadata()
    {
        using var v = new TestVolume();
        Directory.CreateDirectory(Path.Combine(v.DataRoot, "vol2"));
        var src = await v.PutAsync("src", "hello", new ObjectMetadata { ContentType = "text/a" });
        var copied = await v.Store.CopyObjectAsync(new CopyObjectRequest
        {
            SourceVolume = TestVolume.Name, SourceKey = "src", DestinationVolume = "vol2", DestinationKey = "dst/copy",
        }, default);
        Assert.Equal(src.ETag, copied.ETag);
        Assert.Equal("hello", File.ReadAllText(Path.Combine(v.DataRoot, "vol2", "dst", "copy")));
        var head = await v.Store.HeadObjectAsync("vol2", "dst/copy", default);
        Assert.Equal("text/a", head.Metadata.ContentType);
        Assert.Equal(src.ETag, head.ETag);

        await v.Store.CopyObjectAsync(new CopyObjectRequest
        {
            SourceVolume = TestVolume.Name, SourceKey = "src", DestinationVolume = TestVolume.Name, DestinationKey = "src",
            ReplaceMetadata = new ObjectMetadata { ContentType = "text/b" },
        }, default);
        Assert.Equal("text/b", (await v.Store.HeadObjectAsync(TestVolume.Name, "src", default)).Metadata.ContentType);

        var failed = await TestVolume.ErrorOf(() => v.Store.CopyObjectAsync(new CopyObjectRequest
        {
            SourceVolume = TestVolume.Name, SourceKey = "src", DestinationVolume = TestVolume.Name, DestinationKey = "other",
            CheckSource = _ => throw new S3Exception(S3Errors.PreconditionFailed),
        }, default));
        Assert.Same(S3Errors.PreconditionFailed, failed);
        Assert.False(File.Exists(v.PathOf("other")));
    }

    [Fact]
    public async Task Ranged_reads_copy_exactly_the_range()
    {
        using var v = new TestVolume();
        await v.PutAsync("r", "0123456789");
        await using var reader = await v.Store.OpenObjectAsync(TestVolume.Name, "r", default);
        using var ms = new MemoryStream();
        await reader.CopyToAsync(ms, 3, 4, default);
        Assert.Equal("3456", Encoding.ASCII.GetString(ms.ToArray()));
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(3, 4)]
    [InlineData(100_000, 700_000)]
    public async Task Reads_into_a_pipe_copy_exactly_the_range_small_or_large(long offset, long length)
    {
        using var v = new TestVolume();
        var data = new byte[1_000_000];
        new Random(7).NextBytes(data);
        await using (var f = File.Create(v.PathOf("big")))
        {
            await f.WriteAsync(data);
        }

        await using var reader = await v.Store.OpenObjectAsync(TestVolume.Name, "big", default);
        var pipe = new System.IO.Pipelines.Pipe(new System.IO.Pipelines.PipeOptions(pauseWriterThreshold: 300_000, resumeWriterThreshold: 100_000));
        using var ms = new MemoryStream();
        var drain = pipe.Reader.CopyToAsync(ms);
        await reader.CopyToAsync(pipe.Writer, offset, length, default);
        await pipe.Writer.CompleteAsync();
        await drain;
        Assert.Equal(data.AsSpan((int)offset, (int)length).ToArray(), ms.ToArray());
    }

    [Fact]
    public async Task A_pipe_read_beyond_the_end_is_an_invalid_range()
    {
        using var v = new TestVolume();
        await v.PutAsync("r", "0123456789");
        await using var reader = await v.Store.OpenObjectAsync(TestVolume.Name, "r", default);
        var pipe = new System.IO.Pipelines.Pipe();
        var failed = await TestVolume.ErrorOf(() => reader.CopyToAsync(pipe.Writer, 5, 6, default));
        Assert.Same(S3Errors.InvalidRange, failed);
    }

    private sealed class FailingStream(CancellationTokenSource cts, int before) : Stream
    {
        private int sent;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => sent; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (sent >= before)
            {
                cts.Cancel();
                cts.Token.ThrowIfCancellationRequested();
            }

            var n = Math.Min(count, before - sent);
            sent += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
