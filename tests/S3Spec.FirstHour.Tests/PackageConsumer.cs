namespace S3Spec.FirstHour.Tests;

/// <summary>
/// Builds and tests a copy of a project under samples/ as an outside user would: its own nuget.config adds
/// artifacts/packages to the usual sources, with a private package folder (the user's global one only as a read-only
/// fallback, so a repacked S3Spec package of the same version is never served stale).
/// </summary>
internal static class PackageConsumer
{
    public static async Task<(int Exit, string Out, string Err)> TestSampleAsync(Workspace ws, string sample, IReadOnlyDictionary<string, string>? environment = null)
    {
        var samples = Path.Combine(Workspace.Repo, "samples");
        var copy = ws.Combine("samples");
        CopyDirectory(Path.Combine(samples, sample), Path.Combine(copy, sample));
        File.Copy(Path.Combine(samples, "Directory.Build.props"), Path.Combine(copy, "Directory.Build.props"));
        File.Copy(Path.Combine(samples, "Directory.Packages.props"), Path.Combine(copy, "Directory.Packages.props"));
        var global = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } g
            ? g : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        File.WriteAllText(Path.Combine(copy, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="s3spec-local" value="{InstalledTool.Packages}" />
              </packageSources>
              <fallbackPackageFolders>
                <add key="global" value="{global}" />
              </fallbackPackageFolders>
            </configuration>
            """);
        var env = new Dictionary<string, string>(StringComparer.Ordinal) { ["NUGET_PACKAGES"] = ws.Combine("nuget-cache") };
        foreach (var (k, v) in environment ?? new Dictionary<string, string>())
        {
            env[k] = v;
        }

        return await Commands.RunAsync("dotnet", ["test", Path.Combine(copy, sample), "--nologo", "-v", "quiet"], copy, env, TimeSpan.FromMinutes(8));
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var dir in Directory.GetDirectories(from))
        {
            var name = Path.GetFileName(dir);
            if (name is not ("bin" or "obj"))
            {
                CopyDirectory(dir, Path.Combine(to, name));
            }
        }
    }
}
