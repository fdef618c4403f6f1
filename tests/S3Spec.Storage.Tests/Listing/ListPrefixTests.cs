using System.Text;
using S3Spec.Storage.Contract;

namespace S3Spec.Storage.Tests.Listing;

/// <summary>
/// How a listing prefix maps to directories: a prefix whose complete segments include an empty, "." or ".." one
/// begins no valid key and lists nothing; "." and ".." as the incomplete last segment are ordinary name filters; the
/// staging folder never appears, whatever the prefix, start-after or delimiter (also through a symlink to the root).
/// </summary>
public class ListPrefixTests
{
    private static readonly string?[] Delimiters = [null, "/", "b", ".", "s3"];

    [Theory]
    [InlineData("/")]
    [InlineData("/a")]
    [InlineData("/a/")]
    [InlineData("//")]
    [InlineData("///x")]
    [InlineData("a//")]
    [InlineData("a//b")]
    [InlineData("a/./")]
    [InlineData("a/./b")]
    [InlineData("a/../")]
    [InlineData("a/../a")]
    [InlineData("./")]
    [InlineData("./a")]
    [InlineData("../")]
    [InlineData("../vol1/")]
    [InlineData("/.s3compat_uploads/")]
    [InlineData(".s3compat_uploads/")]
    [InlineData(".S3COMPAT_UPLOADS/.tmp/")]
    public async Task A_prefix_with_an_empty_dot_or_dotdot_segment_lists_nothing(string prefix)
    {
        using var v = await Build();
        foreach (var delimiter in Delimiters)
        {
            foreach (var after in new string?[] { null, "", "-", "/", ".s3compat_uploads/", prefix })
            {
                var page = await v.Store.ListObjectsAsync(TestVolume.Name,
                    new ListObjectsRequest { Prefix = prefix, Delimiter = delimiter, StartAfter = after, MaxKeys = 1000 }, default);
                Assert.True(page.Objects.Count == 0 && page.CommonPrefixes.Count == 0,
                    $"prefix {prefix} delimiter {delimiter} after {after}: {string.Join(", ", page.Objects.Select(o => o.Key).Concat(page.CommonPrefixes))}");
                Assert.False(page.IsTruncated);
            }
        }
    }

    [Theory]
    [InlineData(".", new[] { ".profile" })]
    [InlineData(".p", new[] { ".profile" })]
    [InlineData(".s", new string[0])]
    [InlineData("a/.", new[] { "a/..x", "a/.b" })]
    [InlineData("a/..", new[] { "a/..x" })]
    [InlineData("a/", new[] { "a/..x", "a/.b", "a/c" })]
    [InlineData("", new[] { ".profile", "a/..x", "a/.b", "a/c", "k" })]
    public async Task Dot_and_dotdot_as_the_last_segment_are_ordinary_filters(string prefix, string[] expected)
    {
        using var v = await Build();
        var page = await v.Store.ListObjectsAsync(TestVolume.Name, new ListObjectsRequest { Prefix = prefix }, default);
        Assert.Equal(expected, page.Objects.Select(o => o.Key));
    }

    [Fact]
    public async Task The_staging_folder_never_appears_whatever_the_prefix_start_after_or_delimiter()
    {
        using var v = await Build();
        Assert.NotEmpty(Directory.GetFileSystemEntries(Path.Combine(v.VolumePath, ".s3compat_uploads"), "*", SearchOption.AllDirectories));
        string[] prefixes = ["", ".", ".s", ".s3compat_uploads", ".S3COMPAT_UPLOADS", "self/", "self/.", "self/.s3compat_uploads", "self/.s3compat_uploads/", "self/.s3compat_uploads/.tmp/"];
        string?[] afters = [null, ".", ".s3compat_uploads", ".s3compat_uploads/", ".s3compat_uploads/.tmp/", "self/", "self/.s3compat_uploads/", "-"];
        var pages = 0;
        foreach (var prefix in prefixes)
        {
            foreach (var delimiter in Delimiters)
            {
                foreach (var after in afters)
                {
                    foreach (var pageSize in new[] { 1, 1000 })
                    {
                        var start = after;
                        for (var guard = 0; guard < 50; guard++)
                        {
                            var page = await v.Store.ListObjectsAsync(TestVolume.Name,
                                new ListObjectsRequest { Prefix = prefix, Delimiter = delimiter, StartAfter = start, MaxKeys = pageSize }, default);
                            pages++;
                            foreach (var item in page.Objects.Select(o => o.Key).Concat(page.CommonPrefixes))
                            {
                                Assert.False(item.Contains(".s3compat_uploads", StringComparison.OrdinalIgnoreCase),
                                    $"prefix {prefix} delimiter {delimiter} after {start}: {item}");
                            }

                            if (!page.IsTruncated)
                            {
                                break;
                            }

                            start = page.LastReturned;
                        }
                    }
                }
            }
        }

        Assert.True(pages > prefixes.Length * afters.Length);
    }

    [Fact]
    public async Task A_symlink_to_the_volume_root_lists_the_root_without_its_staging_folder()
    {
        using var v = await Build();
        var page = await v.Store.ListObjectsAsync(TestVolume.Name, new ListObjectsRequest { Prefix = "self/" }, default);
        Assert.Equal(["self/.profile", "self/a/..x", "self/a/.b", "self/a/c", "self/k"], page.Objects.Select(o => o.Key));
        var grouped = await v.Store.ListObjectsAsync(TestVolume.Name, new ListObjectsRequest { Prefix = "self/", Delimiter = "/" }, default);
        Assert.Equal(["self/a/"], grouped.CommonPrefixes);
        Assert.Equal(["self/.profile", "self/k"], grouped.Objects.Select(o => o.Key));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("/")]
    public async Task Keys_the_caller_cannot_return_are_passed_over_and_never_the_resume_point(string? delimiter)
    {
        using var v = new TestVolume();
        foreach (var key in new[] { "a", "b\u0001", "c\u0001/d", "c\u0001/e", "d\u0002", "e", "f\u0003" })
        {
            v.WriteFile(System.Text.RegularExpressions.Regex.Unescape(key), "x");
        }

        var got = new List<string>();
        string? after = null;
        for (var guard = 0; guard < 20; guard++)
        {
            var page = await v.Store.ListObjectsAsync(TestVolume.Name, new ListObjectsRequest
            {
                Delimiter = delimiter, StartAfter = after, MaxKeys = 1, Returnable = k => !k.Any(char.IsControl),
            }, default);
            got.AddRange(page.Objects.Select(o => o.Key).Concat(page.CommonPrefixes));
            Assert.True(page.Objects.Count + page.CommonPrefixes.Count == 1 || !page.IsTruncated);
            if (!page.IsTruncated)
            {
                break;
            }

            Assert.DoesNotContain(page.LastReturned!, char.IsControl);
            after = page.LastReturned;
        }

        Assert.Equal(["a", "e"], got);
    }

    /// <summary>Keys ".profile", "a/..x", "a/.b", "a/c", "k"; "self" links to the root; an upload, a temp folder and a key lock are staged.</summary>
    private static async Task<TestVolume> Build()
    {
        var v = new TestVolume();
        foreach (var key in new[] { ".profile", "a/..x", "a/.b", "a/c", "k" })
        {
            await v.PutAsync(key, "content of " + key);
        }

        var up = await v.Store.CreateMultipartUploadAsync(TestVolume.Name, "m", ObjectMetadata.Empty, "o", null, default);
        await v.Store.UploadPartAsync(TestVolume.Name, "m", up.UploadId, 1, new MemoryStream(Encoding.UTF8.GetBytes("part")), PutObjectOptions.Default, default);
        File.CreateSymbolicLink(Path.Combine(v.VolumePath, "self"), ".");
        return v;
    }
}
