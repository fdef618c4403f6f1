using S3Spec.Reliability.Harness;

namespace S3Spec.Reliability;

/// <summary>
/// A class fixture of one server over a sandboxed data root with the given volumes and settings, stopped (and its
/// sandbox removed) at the end; the server failing its tests if it answered any request with a 500.
/// </summary>
public abstract class ServerWorld(IReadOnlyList<string> volumes, IReadOnlyDictionary<string, string>? settings = null) : IAsyncLifetime
{
    internal Sandbox Box { get; } = new();

    internal TestServer Server { get; private set; } = null!;

    /// <summary>The directory of the first volume.</summary>
    internal string VolumeDir => Path.Combine(Box.Data, volumes[0]);

    public virtual async Task InitializeAsync()
    {
        foreach (var volume in volumes)
        {
            Box.Volume(volume);
        }

        Server = await TestServer.StartAsync(Box.Data, Sandbox.NewCreds(), settings: settings);
    }

    public async Task DisposeAsync()
    {
        try
        {
            if (Server is not null)
            {
                await Server.DisposeAsync();
            }
        }
        finally
        {
            Box.Dispose();
        }
    }
}
