using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using S3Spec.Core.Errors;
using S3Spec.Storage.Contract;
using S3Spec.Storage.Writing;

namespace S3Spec.Storage.Tests.Writing;

public class ConditionalWriteTests
{
    private static Task<ObjectInfo> Put(IObjectStore store, string key, string content, string? ifNoneMatch = null, string? ifMatch = null) =>
        store.PutObjectAsync(TestVolume.Name, key, new MemoryStream(Encoding.UTF8.GetBytes(content)),
            new PutObjectOptions { ContentLength = Encoding.UTF8.GetByteCount(content), IfNoneMatch = ifNoneMatch, IfMatch = ifMatch }, default);

    [Fact]
    public async Task Concurrent_if_none_match_puts_let_exactly_one_writer_win()
    {
        using var v = new TestVolume();
        var other = new PosixObjectStore(v.Options, TimeProvider.System, NullLogger<PosixObjectStore>.Instance);
        var tasks = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            try
            {
                await Put(i % 2 == 0 ? v.Store : other, "race/k", "writer-" + i, ifNoneMatch: "*");
                return "writer-" + i;
            }
            catch (S3Exception e) when (e.Error == S3Errors.PreconditionFailed)
            {
                return null;
            }
        })).ToArray();
        var results = await Task.WhenAll(tasks);

        var winners = results.Where(r => r is not null).ToArray();
        Assert.Single(winners);
        Assert.Equal(winners[0], await v.ReadAsync("race/k"));
        Assert.Empty(v.TempFiles());
    }

    [Fact]
    public async Task If_none_match_uses_the_link_fallback_when_renameat2_is_refused()
    {
        using var v = new TestVolume(configure: o => o.ForceLinkFallback = true);
        await Put(v.Store, "f", "one", ifNoneMatch: "*");
        Assert.Same(S3Errors.PreconditionFailed, await TestVolume.ErrorOf(() => Put(v.Store, "f", "two", ifNoneMatch: "*")));

        Assert.Equal("one", await v.ReadAsync("f"));
        Assert.Empty(v.TempFiles());
    }

    [Fact]
    public async Task If_none_match_other_than_star_is_not_implemented()
    {
        using var v = new TestVolume();
        Assert.Same(S3Errors.NotImplemented, await TestVolume.ErrorOf(() => Put(v.Store, "f", "x", ifNoneMatch: "\"abc\"")));
        Assert.False(File.Exists(v.PathOf("f")));
    }

    [Theory]
    [InlineData("auto")]
    [InlineData("sidecar")]
    public async Task If_match_right_wrong_and_missing_key(string metadataStore)
    {
        using var v = new TestVolume(metadataStore);
        var first = await v.PutAsync("k", "v1");

        Assert.Same(S3Errors.PreconditionFailed, await TestVolume.ErrorOf(() => Put(v.Store, "k", "v2", ifMatch: "\"0123456789abcdef0123456789abcdef\"")));
        Assert.Equal("v1", await v.ReadAsync("k"));
        Assert.Equal(first.ETag, (await v.Store.HeadObjectAsync(TestVolume.Name, "k", default)).ETag); // record untouched

        var second = await Put(v.Store, "k", "v2", ifMatch: first.ETag);
        Assert.Equal("v2", await v.ReadAsync("k"));
        await Put(v.Store, "k", "v3", ifMatch: second.ETag.Trim('"'));
        Assert.Equal("v3", await v.ReadAsync("k"));

        Assert.Same(S3Errors.NoSuchKey, await TestVolume.ErrorOf(() => Put(v.Store, "missing", "x", ifMatch: first.ETag)));
        Assert.False(File.Exists(v.PathOf("missing")));
    }

    [Fact]
    public async Task If_match_on_an_external_file_compares_its_identity_etag()
    {
        using var v = new TestVolume();
        v.WriteFile("ext", "outside");
        var head = await v.Store.HeadObjectAsync(TestVolume.Name, "ext", default);
        await Put(v.Store, "ext", "mine", ifMatch: head.ETag);
        Assert.Equal("mine", await v.ReadAsync("ext"));
    }

    [Fact]
    public async Task Copy_honours_conditions_on_the_destination()
    {
        using var v = new TestVolume();
        await v.PutAsync("src", "source");
        var dst = await v.PutAsync("dst", "old");
        var copy = new CopyObjectRequest
        {
            SourceVolume = TestVolume.Name, SourceKey = "src", DestinationVolume = TestVolume.Name, DestinationKey = "dst", IfNoneMatch = "*",
        };
        Assert.Same(S3Errors.PreconditionFailed, await TestVolume.ErrorOf(() => v.Store.CopyObjectAsync(copy, default)));
        Assert.Same(S3Errors.PreconditionFailed, await TestVolume.ErrorOf(() => v.Store.CopyObjectAsync(copy with { IfNoneMatch = null, IfMatch = "\"nope\"" }, default)));
        Assert.Equal("old", await v.ReadAsync("dst"));

        await v.Store.CopyObjectAsync(copy with { IfNoneMatch = null, IfMatch = dst.ETag }, default);
        Assert.Equal("source", await v.ReadAsync("dst"));
        await v.Store.CopyObjectAsync(copy with { DestinationKey = "fresh" }, default);
        Assert.Equal("source", await v.ReadAsync("fresh"));
    }

    [Fact]
    public async Task Complete_with_if_none_match_on_an_existing_key_fails_and_keeps_the_upload()
    {
        using var v = new TestVolume();
        await v.PutAsync("k", "existing");
        var up = await v.Store.CreateMultipartUploadAsync(TestVolume.Name, "k", ObjectMetadata.Empty, "o", null, default);
        var p1 = await v.Store.UploadPartAsync(TestVolume.Name, "k", up.UploadId, 1, new MemoryStream("new"u8.ToArray()), PutObjectOptions.Default, default);

        var e = await TestVolume.ErrorOf(() => v.Store.CompleteMultipartUploadAsync(TestVolume.Name, "k", up.UploadId,
            [new CompletedPart(1, p1.ETag)], new CompleteOptions { IfNoneMatch = "*" }, default));
        Assert.Same(S3Errors.PreconditionFailed, e);
        Assert.Equal("existing", await v.ReadAsync("k"));
        Assert.Single((await v.Store.ListPartsAsync(TestVolume.Name, "k", up.UploadId, 0, 10, default)).Parts);

        var current = await v.Store.HeadObjectAsync(TestVolume.Name, "k", default);
        var done = await v.Store.CompleteMultipartUploadAsync(TestVolume.Name, "k", up.UploadId,
            [new CompletedPart(1, p1.ETag)], new CompleteOptions { IfMatch = current.ETag }, default);
        Assert.EndsWith("-1\"", done.ETag);
        Assert.Equal("new", await v.ReadAsync("k"));
    }

    [Fact]
    public async Task The_key_lock_file_lives_in_staging_is_never_listed_and_idle_lock_files_of_earlier_versions_are_removed()
    {
        using var v = new TestVolume();
        await v.PutAsync("a/b", "x");
        await Put(v.Store, "c", "y", ifNoneMatch: "*");
        var staging = Path.Combine(v.VolumePath, ".s3compat_uploads");
        Assert.True(File.Exists(Path.Combine(staging, KeyLock.LockFile)));
        Assert.False(Directory.Exists(Path.Combine(staging, KeyLock.LocksDir)), "no per-key lock files any more");

        var listed = await v.Store.ListObjectsAsync(TestVolume.Name, new ListObjectsRequest(), default);
        Assert.Equal(["a/b", "c"], listed.Objects.Select(o => o.Key));

        // A per-key lock file as versions before the shared lock file left them.
        var locks = Directory.CreateDirectory(Path.Combine(staging, KeyLock.LocksDir)).FullName;
        var legacy = Path.Combine(locks, Convert.ToHexStringLower(SHA256.HashData("a/b"u8)));
        await File.WriteAllBytesAsync(legacy, []);
        var fd = S3Spec.Storage.Posix.Fs.TryOpenAtPath(locks, out var dir);
        Assert.Equal(0, fd);
        using (dir)
        {
            KeyLock.RemoveIdle(dir!, DateTimeOffset.UtcNow.AddMinutes(1));
        }

        Assert.Empty(Directory.GetFiles(locks));
        await Put(v.Store, "a/b", "again", ifMatch: "*");
        Assert.Equal("again", await v.ReadAsync("a/b"));
    }

    [Fact]
    public void Keys_lock_distinct_bytes_of_the_lock_file_within_the_range_a_lock_may_cover()
    {
        var offsets = Enumerable.Range(0, 10_000).Select(i => KeyLock.Offset("key-" + i)).ToList();
        Assert.All(offsets, o => Assert.InRange(o, 0, long.MaxValue - 1));
        Assert.Equal(offsets.Count, offsets.Distinct().Count());
        Assert.Equal(KeyLock.Offset("same"), KeyLock.Offset("same"));
    }
}
