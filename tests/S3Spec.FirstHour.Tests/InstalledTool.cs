namespace S3Spec.FirstHour.Tests;

/// <summary>
/// The S3Spec .NET tool installed as a user installs it, from the package a Release build packs into
/// artifacts/packages (the only package source; a private NuGet cache, so a repacked 0.1.0 is never served stale),
/// with --tool-path into a temporary folder. Installed once per test run.
/// </summary>
internal static class InstalledTool
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? installed;

    public static string Packages => Path.Combine(Workspace.Repo, "artifacts", "packages");

    /// <summary>The folder holding the `s3spec` command.</summary>
    public static async Task<string> DirectoryAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (installed is not null)
            {
                return installed;
            }

            Assert.True(File.Exists(Path.Combine(Packages, "S3Spec.0.1.0.nupkg")), $"Build src/S3Spec.Tool in Release first: no S3Spec.0.1.0.nupkg in {Packages}.");
            var root = Path.Combine(Path.GetTempPath(), "s3spec-tool-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(root);
            AppDomain.CurrentDomain.ProcessExit += (_, _) => Remove(root);
            var config = Path.Combine(root, "nuget.config");
            File.WriteAllText(config, $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <clear />
                    <add key="local" value="{Packages}" />
                  </packageSources>
                </configuration>
                """);
            var tools = Path.Combine(root, "tools");
            var install = await Commands.RunAsync("dotnet", ["tool", "install", "S3Spec", "--version", "0.1.0", "--tool-path", tools, "--configfile", config], root,
                new Dictionary<string, string>(StringComparer.Ordinal) { ["NUGET_PACKAGES"] = Path.Combine(root, "nuget-cache") }, TimeSpan.FromMinutes(5));
            Assert.True(install.Exit == 0, install.Out + install.Err);
            Assert.True(File.Exists(Path.Combine(tools, "s3spec")), install.Out);
            installed = tools;
            return tools;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static void Remove(string root)
    {
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A leftover temp folder does not fail the run.
        }
    }
}
