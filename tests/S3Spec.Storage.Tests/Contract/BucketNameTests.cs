using S3Spec.Storage.Contract;

namespace S3Spec.Storage.Tests.Contract;

public class BucketNameTests
{
    [Theory]
    [InlineData("vol1", true)]
    [InlineData("jn6d4a9b1w", true)]
    [InlineData("my.volume-2", true)]
    [InlineData("ab", false)]
    [InlineData("lost+found", false)]
    [InlineData(".hidden", false)]
    [InlineData("Upper", false)]
    [InlineData("-dash", false)]
    [InlineData("192.168.1.1", false)]
    [InlineData("a..b", false)]
    public void Applies_bucket_name_rules(string name, bool valid) => Assert.Equal(valid, BucketName.IsValid(name));
}
