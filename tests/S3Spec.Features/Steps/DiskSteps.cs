using Reqnroll;
using S3Spec.Features.Drivers;
using Xunit;

namespace S3Spec.Features.Steps;

[Binding]
public sealed class DiskSteps(S3World world)
{
    [Then("the volume's disk has the directory {string}")]
    public void HasDirectory(string path) => Assert.True(world.Disk.DirectoryExists(path), $"No directory {path}; on disk: {string.Join(", ", world.Disk.Entries())}");
}
