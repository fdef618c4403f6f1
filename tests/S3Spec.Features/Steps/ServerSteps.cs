using Reqnroll;
using S3Spec.Features.Drivers;

namespace S3Spec.Features.Steps;

/// <summary>Extra servers a scenario starts (settings, HTTPS, a small disk) and restarts; later steps talk to them.</summary>
[Binding]
public sealed class ServerSteps(S3World world)
{
    [Given("a server with the settings:")]
    public Task ServerWithSettings(DataTable table) =>
        world.StartServerAsync(new ServerSettings { Settings = table.Rows.ToDictionary(r => r["setting"], r => r["value"], StringComparer.Ordinal) });

    [Given("a server over {word}")]
    public async Task ServerOver(string scheme)
    {
        if (scheme == "https")
        {
            var certificate = TestCertificate.Create(Path.Combine(world.Cli.WorkDirectory, "tls"));
            await world.StartServerAsync(new ServerSettings { Certificate = certificate });
        }
        else if (scheme != "http")
        {
            throw new ArgumentException($"Unknown scheme {scheme}", nameof(scheme));
        }
    }

    [Given("a server whose data root is a {int} MB tmpfs")]
    public async Task TmpfsServer(int megabytes)
    {
        var root = Path.Combine(Path.GetDirectoryName(world.Target.DataRoot!)!, $"tmpfs-{Guid.NewGuid():N}");
        world.Resources.Add(await Volumes.MountTmpfsAsync(root, megabytes));
        Directory.CreateDirectory(Path.Combine(root, world.Volume));
        await world.StartServerAsync(new ServerSettings { DataRoot = root });
    }

    [When("the server restarts")]
    public Task Restart() => world.RestartServerAsync();
}
