namespace S3Spec.LivingDoc.Tests;

public class LivingDocOptionsTests
{
    [Fact]
    public void Defaults_are_relative_to_the_repository_root()
    {
        var root = Path.Combine(Path.GetTempPath(), "livingdoc-root-" + Guid.NewGuid().ToString("N"));
        var deep = Path.Combine(root, "a", "b");
        Directory.CreateDirectory(deep);
        File.WriteAllText(Path.Combine(root, "S3Spec.sln"), "");
        try
        {
            var options = LivingDocOptions.Parse([], deep);

            Assert.Equal(Path.Combine(root, "features"), options.FeaturesDirectory);
            Assert.Equal(Path.Combine(root, "tests", "S3Spec.Features", "TestResults", "features.ndjson"), options.ResultsFile);
            Assert.Equal(Path.Combine(root, "features", "index.yaml"), options.IndexFile);
            Assert.Equal(Path.Combine(root, "artifacts", "living-doc"), options.OutputDirectory);
            Assert.False(options.IndexGiven);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void Given_paths_are_relative_to_the_current_directory()
    {
        var cwd = Path.GetTempPath();
        var options = LivingDocOptions.Parse(["--features", "f", "--results=r.ndjson", "--out", "o", "--index", "i.yaml"], cwd);

        Assert.Equal(Path.Combine(cwd, "f"), options.FeaturesDirectory);
        Assert.Equal(Path.Combine(cwd, "r.ndjson"), options.ResultsFile);
        Assert.Equal(Path.Combine(cwd, "o"), options.OutputDirectory);
        Assert.True(options.IndexGiven);
    }

    [Theory]
    [InlineData("--bogus", "x")]
    [InlineData("--bogus")]
    [InlineData("--out")]
    [InlineData("stray")]
    public void Bad_arguments_fail_with_a_message(params string[] args)
    {
        Assert.Throws<LivingDocException>(() => LivingDocOptions.Parse(args, Path.GetTempPath()));
    }
}
