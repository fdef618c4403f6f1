using Reqnroll;
using S3Spec.Features.Drivers;
using Xunit;

namespace S3Spec.Features.Steps;

/// <summary>What a pod mounting the volume does and sees.</summary>
[Binding]
public sealed class DiskSteps(S3World world)
{
    private string DataRoot => world.Target.DataRoot ?? throw new InvalidOperationException("No data root; tag the scenario @needs-data-root.");

    [Given("the volume directories {string} and {string} exist on disk")]
    public void VolumeDirectories(string first, string second)
    {
        Directory.CreateDirectory(Path.Combine(DataRoot, first));
        Directory.CreateDirectory(Path.Combine(DataRoot, second));
    }

    [Given("the directory {string} exists in the data root")]
    public void DataRootDirectory(string name) => Directory.CreateDirectory(Path.Combine(DataRoot, name));

    [Given("the file {string} exists in the data root")]
    public void DataRootFile(string name) => DataRootFile(name, "not a volume");

    [Given("the file {string} exists in the data root with {string}")]
    public void DataRootFile(string name, string content) => File.WriteAllText(Path.Combine(DataRoot, name), content);

    [Given("the file {string} is written on the volume's disk with {string}")]
    [When("the file {string} is rewritten on the volume's disk with {string}")]
    public void WriteFile(string path, string content) => world.Disk.WriteFile(path, content);

    [Given("the empty directory {string} is made on the volume's disk")]
    public void MakeDirectory(string path) => world.Disk.MakeDirectory(path);

    [Given("the symbolic link {string} on the volume's disk points to {string}")]
    public void MakeSymlink(string path, string target) => world.Disk.MakeSymlink(path, target);

    [Given("the FIFO {string} is made on the volume's disk")]
    public void MakeFifo(string path) => world.Disk.MakeFifo(path);

    [Given("the volume's disk has the directory {string}")]
    [Then("the volume's disk has the directory {string}")]
    public void HasDirectory(string path) => Assert.True(world.Disk.DirectoryExists(path), $"No directory {path}; on disk: {string.Join(", ", world.Disk.Entries())}");

    [Then("the volume's disk has no directory {string}")]
    public void HasNoDirectory(string path) => Assert.False(world.Disk.DirectoryExists(path), $"The directory {path} is still there; on disk: {string.Join(", ", world.Disk.Entries())}");

    [Then("the volume's disk has the file {string} containing {string}")]
    public void HasFile(string path, string content)
    {
        Assert.True(world.Disk.FileExists(path), $"No file {path}; on disk: {string.Join(", ", world.Disk.Entries())}");
        Assert.Equal(content, world.Disk.ReadFile(path));
    }
}
