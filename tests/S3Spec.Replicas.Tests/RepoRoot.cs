namespace S3Spec.Replicas.Tests;

internal static class RepoRoot
{
    /// <summary>The directory holding S3Spec.sln, found by walking up from the test assembly.</summary>
    public static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "S3Spec.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No S3Spec.sln above {AppContext.BaseDirectory}.");
    }

    /// <summary>The server dll of the configuration this test assembly was built in (the ProjectReference builds it first).</summary>
    public static string ServerDll()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            ? "Release"
            : "Debug";
        var dll = Path.Combine(Find(), "src", "S3Spec.Server", "bin", configuration, "net10.0", "S3Spec.Server.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build src/S3Spec.Server first: {dll} is missing.", dll);
    }
}
