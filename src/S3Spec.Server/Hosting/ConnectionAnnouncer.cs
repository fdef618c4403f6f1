using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using S3Spec.Auth.Settings;
using S3Spec.Server.Observability;
using S3Spec.Server.Settings;
using KeyRecord = S3Spec.Auth.Keys.AccessKey;

namespace S3Spec.Server.Hosting;

/// <summary>
/// Once the listeners are up, prints the connection block (stdout; stderr with LogFormat=json, so that stdout stays
/// one JSON object per line) and writes <see cref="ServerOptions.ConnectionFile"/> when set.
/// </summary>
internal static class ConnectionAnnouncer
{
    public static void Register(WebApplication app, string dataRoot, AuthOptions auth, KeyRecord? generated, string adminCommand, ServerOptions options, int? managementPort)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var address = addresses.Select(ConnectionBlock.ClientEndpoint).FirstOrDefault(a => managementPort is null || new Uri(a).Port != managementPort);
            if (address is null)
            {
                return;
            }

            var block = ConnectionBlock.Create(address, dataRoot, auth, generated, adminCommand);
            if (!string.IsNullOrEmpty(options.ConnectionFile))
            {
                Write(Path.GetFullPath(options.ConnectionFile), block.RenderVariables());
            }

            if (!options.ConnectionBlock)
            {
                return;
            }

            var writer = Logs.IsJson(options.LogFormat) ? Console.Error : Console.Out;
            writer.Write(block.Render(secretShownOnce: generated is not null));
            writer.Flush();
        });
    }

    /// <summary>Replaces the file whole (a reader never sees half of it), mode 0600: it may hold a secret.</summary>
    private static void Write(string path, string content)
    {
        var directory = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, "." + Path.GetFileName(path) + "." + Environment.ProcessId + ".tmp");
        var fileOptions = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temp, fileOptions))
        {
            stream.Write(System.Text.Encoding.UTF8.GetBytes(content));
        }

        File.Move(temp, path, overwrite: true);
    }
}
