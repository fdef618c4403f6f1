using System.Diagnostics;
using Amazon.S3.Model;
using Reqnroll;
using S3Spec.Features.Drivers;
using Xunit;

namespace S3Spec.Features.Steps;

/// <summary>Quotas, sized objects and what a failed write leaves in the staging folder.</summary>
[Binding]
public sealed class CapacitySteps(S3World world)
{
    private static readonly TimeSpan QuotaWait = TimeSpan.FromSeconds(6);

    [Given("my volume has a quota of {int} bytes")]
    public async Task Quota(int bytes)
    {
        Volumes.SetQuota(world.DataRoot, world.Volume, bytes);

        // The server re-reads the registry within ~2 s; a put of quota+1 bytes is refused once it has.
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < QuotaWait)
        {
            var probe = await world.Objects.PutBytesAsync(".quota-probe", new byte[bytes + 1]);
            if ((int)probe.Status == 507)
            {
                break;
            }

            await SdkDriver.CallAsync(() => world.Sdk.Client.DeleteObjectAsync(world.Volume, world.Key(".quota-probe")));
            await Task.Delay(250);
        }

        world.Outcome = null;
    }

    [When("I put {string} with {int} bytes")]
    public Task PutSized(string key, int size) => world.Objects.PutBytesAsync(key, Bytes(key, size));

    [Given("the object {string} has {int} bytes")]
    public async Task GivenSized(string key, int size)
    {
        var outcome = await world.Objects.PutBytesAsync(key, Bytes(key, size));
        Assert.True(outcome.Succeeded, $"PUT {key}: {outcome}");
    }

    [Given("the file {string} of {int} bytes is on the volume's disk")]
    public void FileOnDisk(string key, int size)
    {
        var path = world.Disk.PathOf(world.Key(key));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, Bytes(key, size));
    }

    [Then("the object {string} has {int} bytes")]
    public async Task HasSize(string key, int size)
    {
        var outcome = await world.Objects.GetAsync(key);
        Assert.True(outcome.Succeeded, $"GET {key}: {outcome}");
        Assert.Equal(Bytes(key, size), world.LastBody);
    }

    [Then("the volume's staging folder holds no temporary file")]
    public void NoTempFile()
    {
        var files = Volumes.StagingFiles(world.Disk.VolumePath, ".tmp");
        Assert.True(files.Count == 0, $"Left in {Volumes.StagingFolder}/.tmp: {string.Join(", ", files)}");
    }

    /// <summary>The bytes a sized object of this key always has, so a later read can compare them.</summary>
    public static byte[] Bytes(string key, int size)
    {
        var bytes = new byte[size];
        new Random(StringComparer.Ordinal.GetHashCode(key) & 0x7fff_ffff ^ key.Length).NextBytes(bytes);
        return bytes;
    }
}
