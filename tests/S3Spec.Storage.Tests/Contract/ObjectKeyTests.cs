using S3Spec.Core.Errors;
using S3Spec.Storage.Contract;

namespace S3Spec.Storage.Tests.Contract;

public class ObjectKeyTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("a/b/c.txt")]
    [InlineData("dir/")]
    [InlineData("é/😀 x+y#z")]
    [InlineData("...")]
    [InlineData("x/.s3compat_uploads")]
    public void Accepts_file_paths(string key) => ObjectKey.Validate(key);

    [Theory]
    [InlineData("")]
    [InlineData("a//b")]
    [InlineData("/a")]
    [InlineData("a/./b")]
    [InlineData("../etc/passwd")]
    [InlineData("a/..")]
    [InlineData("a\0b")]
    public void Refuses_invalid_paths(string key)
    {
        var e = Assert.Throws<S3Exception>(() => ObjectKey.Validate(key));
        Assert.Same(S3Errors.InvalidObjectName, e.Error);
    }

    [Fact]
    public void Refuses_lone_surrogates()
    {
        var key = new string([(char)0xD800, 'x']);
        Assert.Same(S3Errors.InvalidObjectName, Assert.Throws<S3Exception>(() => ObjectKey.Validate(key)).Error);
    }

    [Theory]
    [InlineData(".s3compat_uploads/x")]
    [InlineData(".s3compat_uploads/")]
    [InlineData(".S3COMPAT_Uploads/part")]
    public void Refuses_the_staging_folder(string key)
    {
        var e = Assert.Throws<S3Exception>(() => ObjectKey.Validate(key));
        Assert.Same(S3Errors.ReservedName, e.Error);
    }

    [Fact]
    public void Key_length_is_counted_in_utf8_bytes()
    {
        ObjectKey.Validate(string.Join('/', Enumerable.Repeat(new string('a', 200), 5)) + "/" + new string('b', 19)); // 1024 bytes
        var tooLong = string.Join('/', Enumerable.Repeat(new string('é', 100), 6)); // 6*200+5 bytes
        Assert.Same(S3Errors.KeyTooLongError, Assert.Throws<S3Exception>(() => ObjectKey.Validate(tooLong)).Error);
    }

    [Fact]
    public void Segment_longer_than_255_bytes_is_refused()
    {
        ObjectKey.Validate("a/" + new string('x', 255));
        var e = Assert.Throws<S3Exception>(() => ObjectKey.Validate("a/" + new string('é', 128)));
        Assert.Same(S3Errors.SegmentTooLong, e.Error);
    }

    [Fact]
    public void Trailing_slash_names_a_directory()
    {
        Assert.True(ObjectKey.IsDirectoryKey("a/b/"));
        Assert.False(ObjectKey.IsDirectoryKey("a/b"));
        var parsed = ObjectKey.Parse("a/b/");
        Assert.Equal("a/b", parsed.Path);
        Assert.Equal("a", parsed.ParentPath);
    }
}
